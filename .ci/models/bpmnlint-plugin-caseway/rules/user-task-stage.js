'use strict';

/*
 * Every user task carries the stage listeners: ${openStageListener} on create (stage, timeline,
 * display values) and ${recordStageListener} on complete (server-side form rules, records).
 */

const { is, taskListeners, normalize } = require('../lib/model');

const REQUIRED = [
  { event: 'create', delegateExpression: '${openStageListener}' },
  { event: 'complete', delegateExpression: '${recordStageListener}' }
];

module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) {
      return;
    }
    const listeners = taskListeners(node);
    for (const required of REQUIRED) {
      const present = listeners.some(listener =>
        listener.event === required.event && normalize(listener.delegateExpression) === required.delegateExpression);
      if (!present) {
        reporter.report(node.id,
          `Stage listener missing: task listener ${required.delegateExpression} on <${required.event}>`);
      }
    }
  }

  return { check };
};
