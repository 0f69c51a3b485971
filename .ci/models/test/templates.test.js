'use strict';

// The element-template check: the templates in processes/.camunda/element-templates pass, and a
// broken template file is reported with file, template id and problem.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const MODELS = path.resolve(__dirname, '..');

function check(...files) {
  const result = spawnSync(process.execPath, [ path.join(MODELS, 'check-templates.js'), ...files ], {
    cwd: MODELS,
    env: { ...process.env, INIT_CWD: MODELS },
    encoding: 'utf8'
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

test('the Caseway element templates are valid', () => {
  const { status, out } = check();
  assert.equal(status, 0, out);
  assert.match(out, /element templates: \d+ template\(s\) in 3 file\(s\), 0 problem\(s\)/);
});

test('a broken template file is reported with file, template id and problem', () => {
  const { status, out } = check('test/fixtures/templates/broken.json');
  const file = '.ci/models/test/fixtures/templates/broken.json';

  assert.equal(status, 1, out);
  const expected = [
    `${file}: org.caseway.Broken: schema: /properties/0/binding/type must be equal to one of the allowed values`,
    `${file}: org.caseway.Broken: schema: /properties/3 must have required property 'choices'`,
    `${file}: org.caseway.Broken: properties[1]: no Spring bean <sendLetterDelegate> in src/main/java`,
    `${file}: org.caseway.Broken: properties[2]: fixed (editable: false) but has no value`,
    `${file}: org.caseway.NoName: schema: / must have required property 'name'`,
    `${file}: org.caseway.NoName: schema: /appliesTo/0 must match pattern`,
    `${file}: org.caseway.NoName: no integer "version"`
  ];
  for (const line of expected) {
    assert.ok(out.includes(line), `missing "${line}" in:\n${out}`);
  }
});
