'use strict';

// The bean scan the lint relies on: Spring's bean names from the Java sources.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { scanBeans, memberAccess, implementsInterface, decapitalize } = require('bpmnlint-plugin-caseway/lib/java-beans');
const { parseDays, project } = require('bpmnlint-plugin-caseway/lib/project');

function sources(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-beans-'));
  for (const [ name, text ] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('bean names: explicit, Spring default, nested, @Bean methods; not in comments', () => {
  const dir = sources({
    'a/FooBarListener.java': `package a;
      import org.springframework.stereotype.Component;
      /** Used as \${fooBarListener}. @Component("fromJavadoc") */
      @Component
      class FooBarListener implements TaskListener { public void notify(DelegateTask t) {} }`,
    'a/Team.java': `package a;
      @Component("team")
      public class Team {
        public String members(DelegateExecution execution) { return "x"; }
        String hidden() { return "y"; }
        public String getLabel() { return "z"; }
        // @Component("commentedOut")
        @Service(value = "inner")
        static class Inner implements ExecutionListener, Serializable { }
      }`,
    'a/Wiring.java': `package a;
      @Configuration(proxyBeanMethods = false)
      class Wiring {
        @Bean
        StageRecorder conferenceRecorder(Events events) { return null; }
        @Bean(name = "aliased")
        public java.util.List<String> other() { return null; }
      }`,
    'a/URLFetcher.java': '@org.springframework.stereotype.Repository public class URLFetcher {}',
    'a/Plain.java': 'public class Plain { }'
  });
  const beans = scanBeans(dir);

  assert.deepEqual([ ...beans.keys() ].sort(),
    [ 'URLFetcher', 'aliased', 'conferenceRecorder', 'fooBarListener', 'inner', 'team', 'wiring' ]);
  assert.equal(memberAccess(beans.get('team'), 'members', true), 'public');
  assert.equal(memberAccess(beans.get('team'), 'hidden', true), 'not-public');
  assert.equal(memberAccess(beans.get('team'), 'missing', true), 'missing');
  assert.equal(memberAccess(beans.get('team'), 'label', false), 'public');
  assert.equal(implementsInterface(beans.get('fooBarListener'), 'TaskListener'), true);
  assert.equal(implementsInterface(beans.get('inner'), 'ExecutionListener'), true);
  assert.equal(implementsInterface(beans.get('team'), 'TaskListener'), false);
  assert.equal(decapitalize('SlaTimers'), 'slaTimers');
});

test('the real sources hold the beans the models call', () => {
  const { beans, forms, retentionDays } = project();
  for (const name of [ 'openStageListener', 'recordStageListener', 'slaClock', 'slaReminder', 'slaBreach',
    'slaSecondEscalation', 'sla', 'caseTeam', 'escalationTeam', 'assignCaseManagerDelegate', 'caseEndedListener',
    'caseClosedListener', 'crisisOpenedListener', 'crisisEndedListener', 'conferenceOpenedListener',
    'caseServices', 'caseConferences', 'caseTimers' ]) {
    assert.ok(beans.has(name), `bean ${name}`);
  }
  assert.ok(forms.has('intake'));
  assert.equal(retentionDays, 2557);
});

test('history time to live in days: Spring and engine notations', () => {
  assert.equal(parseDays('2557d'), 2557);
  assert.equal(parseDays('2557'), 2557);
  assert.equal(parseDays('P2557D'), 2557);
  assert.equal(parseDays('P7Y'), null);
});
