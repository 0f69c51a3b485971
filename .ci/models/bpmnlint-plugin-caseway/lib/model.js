'use strict';

/* Small helpers over the moddle tree (bpmn-moddle with the camunda extension). */

function is(node, type) {
  return !!node && typeof node.$instanceOf === 'function' && node.$instanceOf(type);
}

function extensionValues(node) {
  return (node.extensionElements && node.extensionElements.values) || [];
}

function taskListeners(node) {
  return extensionValues(node).filter(value => is(value, 'camunda:TaskListener'));
}

function executionListeners(node) {
  return extensionValues(node).filter(value => is(value, 'camunda:ExecutionListener'));
}

/** `${ a . b }` -> `${a.b}`: expressions compared without their white space. */
function normalize(expression) {
  return typeof expression === 'string' ? expression.replace(/\s+/g, '') : expression;
}

/** The text of a bpmn:FormalExpression (or undefined). */
function body(expression) {
  return expression && typeof expression.body === 'string' ? expression.body : undefined;
}

/** The bean a delegate expression `${name}` (or `#{name}`) names, else null. */
function delegateBean(expression) {
  const match = /^\s*[$#]\{\s*([A-Za-z_]\w*)\s*\}\s*$/.exec(expression || '');
  return match ? match[1] : null;
}

/** `${bean.member(...)}` (or `${bean.member}`) as { bean, member, isCall }, else null. */
function methodExpression(expression) {
  const match = /^\s*[$#]\{\s*([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s*(\()?[\s\S]*\}\s*$/.exec(expression || '');
  return match ? { bean: match[1], member: match[2], isCall: !!match[3] } : null;
}

/** Names the EL of Camunda 7 provides itself (not beans). */
const BUILT_INS = new Set([
  'execution', 'task', 'externalTask', 'caseExecution', 'variableScope',
  'authenticatedUserId', 'currentUser', 'currentUserGroups', 'dateTime', 'S', 'XML', 'JSON'
]);

/**
 * Every `root.member` chain start inside the ${...} / #{...} parts of an expression text, outside
 * string literals: [{ bean: root, member, isCall }], for roots that are not EL built-ins.
 */
function referencedBeans(text) {
  const result = [];
  if (typeof text !== 'string') {
    return result;
  }
  const blocks = text.match(/[$#]\{[^}]*\}/g) || [];
  for (const block of blocks) {
    const code = block.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""');
    const re = /(^|[^.\w])([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s*(\()?/g;
    let m;
    while ((m = re.exec(code))) {
      if (!BUILT_INS.has(m[2])) {
        result.push({ bean: m[2], member: m[3], isCall: !!m[4] });
      }
    }
  }
  return result;
}

module.exports = {
  is,
  extensionValues,
  taskListeners,
  executionListeners,
  normalize,
  body,
  delegateBean,
  methodExpression,
  referencedBeans,
  BUILT_INS
};
