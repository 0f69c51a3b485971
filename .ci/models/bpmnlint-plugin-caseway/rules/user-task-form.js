'use strict';

/*
 * Every user task shows a Camunda Form of forms/: `camunda:formRef` names a form's JSON `id`
 * and `camunda:formRefBinding="deployment"` takes it from the same deployment as the model.
 */

const { is } = require('../lib/model');
const { project } = require('../lib/project');

module.exports = function(config) {

  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) {
      return;
    }
    const formRef = (node.get('camunda:formRef') || '').trim();
    const binding = node.get('camunda:formRefBinding');

    if (!formRef) {
      reporter.report(node.id, 'User task has no form: set camunda:formRef to the id of a form in forms/', [ 'formRef' ]);
    } else if (!project(config).forms.has(formRef)) {
      reporter.report(node.id, `Form <${formRef}> not found: no file in forms/ has the JSON id "${formRef}"`, [ 'formRef' ]);
    }
    if (binding !== 'deployment') {
      reporter.report(node.id,
        `Form binding is <${binding || 'latest'}>: set camunda:formRefBinding="deployment" (the form deployed with this model)`,
        [ 'formRefBinding' ]);
    }
  }

  return { check };
};
