'use strict';

/* Caseway's rules for its Camunda 7 models (see processes/README.md, "Checking a change"). */

module.exports = {
  configs: {
    recommended: {
      rules: {
        'user-task-form': 'error',
        'user-task-assignment': 'error',
        'user-task-stage': 'error',
        'user-task-sla': 'error',
        'known-bean': 'error',
        'no-script': 'error',
        'history-time-to-live': 'error'
      }
    }
  },
  rules: {
    'user-task-form': './rules/user-task-form',
    'user-task-assignment': './rules/user-task-assignment',
    'user-task-stage': './rules/user-task-stage',
    'user-task-sla': './rules/user-task-sla',
    'known-bean': './rules/known-bean',
    'no-script': './rules/no-script',
    'history-time-to-live': './rules/history-time-to-live'
  }
};
