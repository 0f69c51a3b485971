'use strict';

/*
 * A process's camunda:historyTimeToLive overrides the engine's default, so it must say the same
 * as the records retention configured in src/main/resources/application.yaml
 * (caseway.records.history-time-to-live, 2557d). Whether it is set at all is the
 * camunda-compat/history-time-to-live rule's part.
 */

const { is } = require('../lib/model');
const { project, parseDays } = require('../lib/project');

module.exports = function(config) {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process') || !node.isExecutable) {
      return;
    }
    const value = node.get('camunda:historyTimeToLive');
    if (value === undefined || value === null || value === '') {
      return;
    }
    const days = parseDays(value);
    if (days === null) {
      reporter.report(node.id,
        `historyTimeToLive <${value}> is not a number of days: write P<days>D (e.g. P2557D)`, [ 'historyTimeToLive' ]);
      return;
    }
    const retention = project(config).retentionDays;
    if (retention !== null && days !== retention) {
      reporter.report(node.id,
        `historyTimeToLive <${value}> differs from the configured records retention ` +
        `(caseway.records.history-time-to-live = ${retention} days): write P${retention}D`, [ 'historyTimeToLive' ]);
    }
  }

  return { check };
};
