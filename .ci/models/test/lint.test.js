'use strict';

// The model lint itself: each broken fixture reports its rule at its element, and the real
// models in processes/ lint clean. Runs lint.js as CI and analysts do.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const MODELS = path.resolve(__dirname, '..');
const ROOT = path.resolve(MODELS, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');

function lint(...files) {
  const result = spawnSync(process.execPath, [ path.join(MODELS, 'lint.js'), ...files ], {
    cwd: MODELS,
    env: { ...process.env, INIT_CWD: MODELS },
    encoding: 'utf8'
  });
  const findings = result.stdout.split('\n')
    .map(line => /^(.+?): (\S+): (error|warning|info) (\S+): (.*)$/.exec(line))
    .filter(Boolean)
    .map(([ , file, id, category, rule, message ]) => ({ file, id, category, rule, message }));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, findings };
}

const EXPECTED = {
  'unknown-delegate.bpmn': [ { rule: 'caseway/known-bean', id: 'serviceTask_sendLetter', text: 'sendLetterDelegate' } ],
  'missing-form.bpmn': [ { rule: 'caseway/user-task-form', id: 'referralLetter', text: 'Form <referralLetter> not found' } ],
  'missing-sla.bpmn': [
    { rule: 'caseway/user-task-sla', id: 'intake', text: 'no ${slaClock} task listener on <create>' },
    { rule: 'caseway/user-task-sla', id: 'intake', text: 'no ${slaClock} task listener on <complete>' },
    { rule: 'caseway/user-task-sla', id: 'intake', text: 'no ${slaClock} task listener on <delete>' },
    { rule: 'caseway/user-task-sla', id: 'intake', text: 'no timeout listener <slaGoal>' },
    { rule: 'caseway/user-task-sla', id: 'intake', text: 'no timeout listener <slaDeadline>' },
    { rule: 'caseway/user-task-sla', id: 'intake', text: 'no timeout listener <slaSecondEscalation>' }
  ],
  'missing-history-ttl.bpmn': [
    { rule: 'camunda-compat/history-time-to-live', id: 'fixture-missing-history-ttl', text: 'historyTimeToLive' }
  ],
  'script-task.bpmn': [
    { rule: 'caseway/no-script', id: 'scriptTask_scoreRisk', text: 'Script task' },
    { rule: 'caseway/no-script', id: 'endEvent_done', text: 'Script execution listener on <end>' }
  ]
};

for (const [ name, expected ] of Object.entries(EXPECTED)) {
  test(`lint reports ${expected[0].rule} for test/fixtures/${name}`, () => {
    const { status, stdout, findings } = lint(path.join(FIXTURES, name));

    assert.equal(status, 1, `a broken model fails the lint:\n${stdout}`);
    assert.equal(findings.length, expected.length, `exactly the expected findings:\n${stdout}`);
    for (const finding of findings) {
      assert.equal(finding.file, `.ci/models/test/fixtures/${name}`, 'each finding names the file');
      assert.equal(finding.category, 'error');
    }
    for (const want of expected) {
      assert.ok(findings.some(f => f.rule === want.rule && f.id === want.id && f.message.includes(want.text)),
        `expected ${want.rule} at ${want.id} ("${want.text}") in:\n${stdout}`);
    }
  });
}

test('linting the fixtures together reports what each reports alone (no state between models)', () => {
  const names = Object.keys(EXPECTED);
  const { status, findings } = lint(...names.map(name => path.join(FIXTURES, name)));
  assert.equal(status, 1);
  const expectedCount = Object.values(EXPECTED).reduce((sum, list) => sum + list.length, 0);
  assert.equal(findings.length, expectedCount);
  for (const finding of findings) {
    const name = path.basename(finding.file);
    assert.ok(EXPECTED[name].some(want => want.rule === finding.rule && want.id === finding.id),
      `unexpected ${finding.rule} at ${finding.id} in ${name}`);
  }
});

test('every fixture is covered by an expectation', () => {
  const files = fs.readdirSync(FIXTURES).filter(name => name.endsWith('.bpmn')).sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
});

test('a user task marked by the "Apply SLA" template (caseway.sla = policy) needs no SLA block of its own', () => {
  const { status, stdout, findings } = lint(path.join(__dirname, 'valid', 'apply-sla.bpmn'));
  assert.equal(status, 0, stdout);
  assert.deepEqual(findings.filter(f => f.rule === 'caseway/user-task-sla'), []);
});

test('the models in processes/ lint clean', () => {
  const models = fs.readdirSync(path.join(ROOT, 'processes')).filter(name => name.endsWith('.bpmn'));
  const { status, stdout, stderr, findings } = lint();

  assert.equal(status, 0, `lint of processes/ failed:\n${stdout}${stderr}`);
  assert.deepEqual(findings.filter(f => f.category === 'error'), []);
  assert.match(stdout, new RegExp(`bpmnlint: ${models.length} model\\(s\\), 0 error\\(s\\)`));
});
