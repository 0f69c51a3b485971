'use strict';

/*
 * Every user task names who may work it: a candidate group, candidate users or an assignee.
 * An assignee is an expression (e.g. ${participant}), never a fixed user id.
 */

const { is } = require('../lib/model');

const ATTRIBUTES = [ 'camunda:candidateGroups', 'camunda:candidateUsers', 'camunda:assignee' ];

module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) {
      return;
    }
    const values = ATTRIBUTES.map(name => (node.get(name) || '').trim());

    if (values.every(value => !value)) {
      reporter.report(node.id,
        'User task has nobody to work it: set a candidate group, candidate users or an assignee ' +
        '(e.g. ${caseTeam.caseManagers(execution)})');
    }
    const assignee = values[2];
    if (assignee && !/^[$#]\{[\s\S]*\}$/.test(assignee)) {
      reporter.report(node.id,
        `Assignee <${assignee}> is a fixed user id: use a candidate group or an expression`, [ 'assignee' ]);
    }
  }

  return { check };
};
