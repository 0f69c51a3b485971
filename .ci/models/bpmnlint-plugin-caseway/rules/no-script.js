'use strict';

/*
 * No scripts in the models: business logic belongs in Java (a delegate bean) or DMN. Reports
 * script tasks, script listeners, script input/output mappings and script conditions.
 */

const { is, extensionValues } = require('../lib/model');

function isScript(definition) {
  return is(definition, 'camunda:Script');
}

module.exports = function() {

  function check(node, reporter) {
    if (!node.id || !is(node, 'bpmn:BaseElement')) {
      return;
    }

    if (is(node, 'bpmn:ScriptTask')) {
      reporter.report(node.id, 'Script task: put the logic in a Java delegate bean (service task) or a DMN decision');
    }

    for (const value of extensionValues(node)) {
      if ((is(value, 'camunda:TaskListener') || is(value, 'camunda:ExecutionListener')) && isScript(value.script)) {
        const kind = is(value, 'camunda:TaskListener') ? 'task' : 'execution';
        reporter.report(node.id,
          `Script ${kind} listener on <${value.event}>: use a delegateExpression naming a Java listener bean`);
      }
      if (is(value, 'camunda:InputOutput')) {
        const parameters = [ ...(value.inputParameters || []), ...(value.outputParameters || []) ];
        for (const parameter of parameters.filter(p => isScript(p.definition))) {
          reporter.report(node.id, `Script in the input/output mapping <${parameter.name}>: use an expression or Java`);
        }
      }
    }

    const condition = node.conditionExpression || (is(node, 'bpmn:ConditionalEventDefinition') ? node.condition : null);
    if (condition && (condition.language || condition.get && condition.get('camunda:resource'))) {
      reporter.report(node.id, `Script condition (${condition.language || 'resource'}): use a ${'${...}'} expression or a DMN decision`);
    }
  }

  return { check };
};
