'use strict';

/*
 * Every user task carries the SLA block (processes/README.md, "Deadlines (SLAs)"): the
 * ${slaClock} task listener on create, complete and delete, and three timeout task listeners
 *   slaGoal              ${slaReminder}          timeDate ${sla.goal(execution)}
 *   slaDeadline          ${slaBreach}            timeDate ${sla.deadline(execution)}
 *   slaSecondEscalation  ${slaSecondEscalation}  timeDate ${sla.secondEscalation(execution)}
 */

const { is, taskListeners, normalize, body } = require('../lib/model');

const CLOCK = '${slaClock}';
const CLOCK_EVENTS = [ 'create', 'complete', 'delete' ];
const TIMEOUTS = [
  { id: 'slaGoal', delegateExpression: '${slaReminder}', timeDate: '${sla.goal(execution)}' },
  { id: 'slaDeadline', delegateExpression: '${slaBreach}', timeDate: '${sla.deadline(execution)}' },
  { id: 'slaSecondEscalation', delegateExpression: '${slaSecondEscalation}', timeDate: '${sla.secondEscalation(execution)}' }
];

function appliesSlaByProperty(node) {
  const values = (node.extensionElements && node.extensionElements.values) || [];
  return values.filter(v => is(v, 'camunda:Properties'))
    .flatMap(p => p.values || [])
    .some(p => p.name === 'caseway.sla' && p.value === 'policy');
}

module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) {
      return;
    }
    const listeners = taskListeners(node);
    // the "Apply SLA" template: the property caseway.sla = policy, and the engine adds the block
    // (org.caseway.sla.SlaBlockParsePlugin) unless the task declares a ${slaClock} listener itself
    if (appliesSlaByProperty(node) && !listeners.some(l => normalize(l.delegateExpression) === CLOCK)) {
      return;
    }

    for (const event of CLOCK_EVENTS) {
      if (!listeners.some(l => l.event === event && normalize(l.delegateExpression) === CLOCK)) {
        reporter.report(node.id, `SLA block incomplete: no ${CLOCK} task listener on <${event}>`);
      }
    }

    for (const timeout of TIMEOUTS) {
      const listener = listeners.find(l => l.id === timeout.id);
      if (!listener) {
        reporter.report(node.id,
          `SLA block incomplete: no timeout listener <${timeout.id}> (${timeout.delegateExpression} at ${timeout.timeDate})`);
        continue;
      }
      if (listener.event !== 'timeout') {
        reporter.report(node.id, `SLA block: listener <${timeout.id}> must listen to <timeout>, not <${listener.event}>`);
      }
      if (normalize(listener.delegateExpression) !== timeout.delegateExpression) {
        reporter.report(node.id,
          `SLA block: timeout listener <${timeout.id}> must call ${timeout.delegateExpression}, ` +
          `not ${listener.delegateExpression || listener.expression || listener.class || 'nothing'}`);
      }
      const timers = (listener.eventDefinitions || []).filter(d => is(d, 'bpmn:TimerEventDefinition'));
      const timeDate = timers.length === 1 ? body(timers[0].timeDate) : undefined;
      if (normalize(timeDate) !== timeout.timeDate) {
        reporter.report(node.id,
          `SLA block: timeout listener <${timeout.id}> must fire at timeDate ${timeout.timeDate}` +
          (timeDate ? `, not ${timeDate}` : ' (it has no such timer)'));
      }
    }
  }

  return { check };
};
