package org.caseway.modeling;

import jakarta.annotation.PreDestroy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.caseway.system.CasewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The dev profile's hot redeploy: watches the models and forms folders of the working directory
 * ({@code caseway.dev.*}) and, once writes have settled, deploys what differs from what the engine has, as new
 * versions in one deployment named {@value #DEPLOYMENT_NAME}. Running instances stay on their versions.
 *
 * <p>What is deployed: every BPMN file whose content differs from its processes' latest deployed version, every
 * DMN file likewise, and every BPMN whose forms differ from the forms deployed with its latest version (forms
 * are bound with {@code formRefBinding="deployment"}: a process finds its forms only in its own deployment).
 * Each BPMN goes with all the forms it references; a changed form therefore redeploys every process that uses
 * it, and a form no process references is not deployed.
 *
 * <p>Before deploying, the {@link ModelValidator} checks the folders as a whole, and the engine parses the
 * deployment: a problem of either rejects the change; nothing is deployed and each problem is logged (WARN)
 * with the file, the element id and what is wrong. The last results are kept for {@code GET /api/dev/deployments}.
 */
@Profile("dev")
@Component
public class DevRedeployer {

    public static final String DEPLOYMENT_NAME = "caseway-dev";
    static final int KEPT_RESULTS = 20;

    private static final Logger log = LoggerFactory.getLogger(DevRedeployer.class);

    public enum Outcome {
        /** The changed files were deployed as new versions. */
        DEPLOYED,
        /** Problems were found: nothing was deployed. */
        REJECTED,
        /** After a rejection, the folders match what is deployed again (e.g. the change was undone). */
        UP_TO_DATE
    }

    /** A definition a file produced: process, decision or form key and its new version. */
    public record DeployedDefinition(String key, int version) {
    }

    /**
     * @param changed true for a file that differs from what was deployed; false for a file deployed along with
     *                one (a process that uses a changed form, a form of a changed process)
     */
    public record DeployedFile(String file, boolean changed, List<DeployedDefinition> definitions) {
    }

    /**
     * One redeploy: its outcome at a moment; the files that had changed; for DEPLOYED the deployment and every
     * file in it; for REJECTED the problems; how long the comparison, checks and deployment took.
     */
    public record Redeploy(Instant at, Outcome outcome, List<String> changedFiles, String deploymentId,
                           List<DeployedFile> deployed, List<ModelProblem> problems, long tookMillis) {
    }

    private final RepositoryService repositoryService;
    private final ProcessEngineConfigurationImpl engineConfiguration;
    private final ModelValidator validator;
    private final CasewayProperties.Dev settings;
    private final Deque<Redeploy> recent = new ArrayDeque<>();
    private ModelFolderWatcher watcher;

    DevRedeployer(RepositoryService repositoryService, ProcessEngineConfigurationImpl engineConfiguration,
                  ModelValidator validator, CasewayProperties properties) {
        this.repositoryService = repositoryService;
        this.engineConfiguration = engineConfiguration;
        this.validator = validator;
        this.settings = properties.dev();
    }

    /** After start-up (and the classpath deployment): brings the engine up to the folders, then watches them. */
    @Order(10)
    @EventListener(ApplicationReadyEvent.class)
    void start() throws IOException {
        for (Path folder : List.of(settings.modelsFolder(), settings.formsFolder())) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("The dev profile redeploys the models of " + folder.toAbsolutePath()
                        + ", which is not a folder: start Caseway in the project folder or set caseway.dev.models-dir"
                        + " and caseway.dev.forms-dir");
            }
        }
        log.warn("Dev profile: changes to {} and {} are deployed as they are saved. Never use it in production.",
                settings.modelsFolder().toAbsolutePath().normalize(), settings.formsFolder().toAbsolutePath().normalize());
        redeployChanges();
        watcher = new ModelFolderWatcher(List.of(settings.modelsFolder(), settings.formsFolder()), settings.debounce(),
                this::redeployChanges);
        watcher.start();
    }

    @PreDestroy
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** The last results, newest first. */
    public List<Redeploy> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Compares the folders with the engine and deploys what differs, unless a check finds a problem. */
    synchronized Optional<Redeploy> redeployChanges() {
        long started = System.nanoTime();
        List<ModelResource> resources;
        try {
            resources = ModelResource.readAll(settings.modelsFolder(), settings.formsFolder());
        } catch (UncheckedIOException e) {
            log.warn("Cannot read the models yet, waiting for the next change: {}", e.getMessage());
            return Optional.empty();
        }
        Changes changes = changes(resources);
        if (changes.files.isEmpty()) {
            boolean afterRejection = !recent().isEmpty() && recent().get(0).outcome() == Outcome.REJECTED;
            return afterRejection ? Optional.of(record(new Redeploy(Instant.now(), Outcome.UP_TO_DATE, List.of(), null,
                    List.of(), List.of(), millisSince(started)))) : Optional.empty();
        }
        List<ModelProblem> problems = validator.validate(resources);
        if (!problems.isEmpty()) {
            return Optional.of(reject(changes, problems, started));
        }
        if (changes.deploy.isEmpty()) {
            return Optional.empty();
        }
        var deployment = repositoryService.createDeployment().name(DEPLOYMENT_NAME).source(DEPLOYMENT_NAME);
        for (ModelResource resource : resources) {
            if (changes.deploy.containsKey(resource.name())) {
                deployment.addInputStream(resource.name(), new ByteArrayInputStream(resource.bytes()));
            }
        }
        DeploymentWithDefinitions deployed;
        try {
            deployed = deployment.deployWithResult();
        } catch (ParseException e) {
            return Optional.of(reject(changes, parseProblems(e), started));
        } catch (ProcessEngineException e) {
            return Optional.of(reject(changes, List.of(new ModelProblem(String.join(", ", changes.deploy.keySet()), null,
                    "the engine refused the deployment: " + e.getMessage())), started));
        }
        Redeploy result = record(new Redeploy(Instant.now(), Outcome.DEPLOYED, List.copyOf(changes.files),
                deployed.getId(), deployedFiles(deployed, changes), List.of(), millisSince(started)));
        for (DeployedFile file : result.deployed()) {
            log.info("Deployed {} ({}): {}", file.file(), file.changed() ? "changed" : "unchanged, goes with a changed file",
                    file.definitions().stream().map(d -> d.key() + " v" + d.version()).toList());
        }
        return Optional.of(result);
    }

    /** The changed files and what goes into their deployment (file name → changed itself). */
    private record Changes(Set<String> files, Map<String, Boolean> deploy) {
    }

    private Changes changes(List<ModelResource> resources) {
        ModelSet models = ModelSet.read(resources);
        Map<String, ModelResource> byName = new HashMap<>();
        resources.forEach(r -> byName.put(r.name(), r));
        Map<String, String> formFileById = new HashMap<>();
        models.forms.forEach((file, id) -> formFileById.putIfAbsent(id, file));
        Map<String, Map<String, String>> deployedForms = new HashMap<>();

        Set<String> changed = new LinkedHashSet<>();
        Set<String> processesToDeploy = new LinkedHashSet<>();
        models.unreadable.forEach(problem -> changed.add(problem.file()));
        for (String file : models.processes.keySet()) {
            String hash = byName.get(file).hash();
            for (String key : models.processKeys(file)) {
                ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
                        .latestVersion().singleResult();
                if (latest == null || !hash.equals(deployedHash(latest.getDeploymentId(), latest.getResourceName()))) {
                    changed.add(file);
                    processesToDeploy.add(file);
                    continue;
                }
                Map<String, String> formsDeployedWith = deployedForms.computeIfAbsent(latest.getDeploymentId(),
                        this::formHashesOfDeployment);
                for (String formId : models.formRefs(file)) {
                    String formFile = formFileById.get(formId);
                    if (formFile == null) {
                        // a form the process uses was deleted or lost its id: the checks report it
                        changed.add(file);
                        processesToDeploy.add(file);
                    } else if (!byName.get(formFile).hash().equals(formsDeployedWith.get(formId))) {
                        changed.add(formFile);
                        processesToDeploy.add(file);
                    }
                }
            }
        }
        Map<String, Boolean> deploy = new LinkedHashMap<>();
        for (String file : processesToDeploy) {
            deploy.put(file, changed.contains(file));
            for (String formId : models.formRefs(file)) {
                String formFile = formFileById.get(formId);
                if (formFile != null) {
                    deploy.put(formFile, changed.contains(formFile));
                }
            }
        }
        for (String file : models.decisions.keySet()) {
            String hash = byName.get(file).hash();
            for (String key : models.decisionKeys(file)) {
                DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                        .latestVersion().singleResult();
                if (latest == null || !hash.equals(deployedHash(latest.getDeploymentId(), latest.getResourceName()))) {
                    changed.add(file);
                    deploy.put(file, true);
                }
            }
        }
        return new Changes(changed, deploy);
    }

    private String deployedHash(String deploymentId, String resourceName) {
        try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resourceName)) {
            return ModelResource.hash(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Form id → content hash of the forms in a deployment. */
    private Map<String, String> formHashesOfDeployment(String deploymentId) {
        List<ModelResource> forms = new ArrayList<>();
        for (Resource resource : repositoryService.getDeploymentResources(deploymentId)) {
            if (resource.getName().endsWith(".form")) {
                byte[] bytes = resource.getBytes() != null ? resource.getBytes() : bytesOf(deploymentId, resource);
                forms.add(new ModelResource(resource.getName(), bytes));
            }
        }
        Map<String, String> hashes = new HashMap<>();
        ModelSet deployed = ModelSet.read(forms);
        for (ModelResource form : forms) {
            String id = deployed.forms.get(form.name());
            if (id != null) {
                hashes.put(id, form.hash());
            }
        }
        return hashes;
    }

    private byte[] bytesOf(String deploymentId, Resource resource) {
        try (InputStream in = repositoryService.getResourceAsStreamById(deploymentId, resource.getId())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ModelProblem> parseProblems(ParseException e) {
        List<ModelProblem> problems = new ArrayList<>();
        for (ResourceReport report : e.getResorceReports()) {
            report.getErrors().forEach(error -> problems.add(new ModelProblem(report.getResourceName(),
                    error.getMainElementId(), error.getMessage()
                    + (error.getLine() > 0 ? " (line " + error.getLine() + ")" : ""))));
        }
        if (problems.isEmpty()) {
            problems.add(new ModelProblem("(deployment)", null, e.getMessage()));
        }
        return problems;
    }

    private Redeploy reject(Changes changes, List<ModelProblem> problems, long started) {
        for (ModelProblem problem : problems) {
            log.warn("Model change rejected, nothing deployed: {}", problem);
        }
        return record(new Redeploy(Instant.now(), Outcome.REJECTED, List.copyOf(changes.files), null, List.of(),
                List.copyOf(problems), millisSince(started)));
    }

    private List<DeployedFile> deployedFiles(DeploymentWithDefinitions deployment, Changes changes) {
        Map<String, List<DeployedDefinition>> definitions = new LinkedHashMap<>();
        changes.deploy.keySet().forEach(file -> definitions.put(file, new ArrayList<>()));
        for (ProcessDefinition definition : orEmpty(deployment.getDeployedProcessDefinitions())) {
            definitions.computeIfAbsent(definition.getResourceName(), f -> new ArrayList<>())
                    .add(new DeployedDefinition(definition.getKey(), definition.getVersion()));
        }
        for (DecisionDefinition definition : orEmpty(deployment.getDeployedDecisionDefinitions())) {
            definitions.computeIfAbsent(definition.getResourceName(), f -> new ArrayList<>())
                    .add(new DeployedDefinition(definition.getKey(), definition.getVersion()));
        }
        List<CamundaFormDefinitionEntity> forms = engineConfiguration.getCommandExecutorTxRequired().execute(
                context -> context.getCamundaFormDefinitionManager().findDefinitionsByDeploymentId(deployment.getId()));
        for (CamundaFormDefinitionEntity form : forms) {
            definitions.computeIfAbsent(form.getResourceName(), f -> new ArrayList<>())
                    .add(new DeployedDefinition(form.getKey(), form.getVersion()));
        }
        List<DeployedFile> files = new ArrayList<>();
        definitions.forEach((file, defs) -> files.add(new DeployedFile(file,
                changes.deploy.getOrDefault(file, false), List.copyOf(defs))));
        return files;
    }

    private Redeploy record(Redeploy result) {
        synchronized (recent) {
            recent.addFirst(result);
            while (recent.size() > KEPT_RESULTS) {
                recent.removeLast();
            }
        }
        return result;
    }

    /** The engine's lists of deployed definitions are null when there are none of a kind. */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
