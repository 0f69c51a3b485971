'use strict';

/*
 * Every service task and every listener names a Spring bean of src/main/java: a delegate
 * expression `${beanName}` or a method expression `${beanName.method(...)}`. The bean must exist
 * (a @Component/@Service/... class or a @Bean method), a delegate class must implement the
 * interface the engine calls (JavaDelegate, TaskListener, ExecutionListener), and a method or
 * property an expression uses must be public in the bean's class. Bean calls in other expressions
 * (candidates, timers, multi-instance collections, conditions, call activity inputs) are checked
 * the same way. No camunda:class: the bean name is the contract between model and code.
 */

const { is, extensionValues, body, delegateBean, methodExpression, referencedBeans, BUILT_INS } = require('../lib/model');
const { project } = require('../lib/project');
const { memberAccess, implementsInterface } = require('../lib/java-beans');

const DELEGATE_OWNERS = [ 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask' ];

module.exports = function(config) {

  function check(node, reporter) {
    if (!node.id || !is(node, 'bpmn:BaseElement')) {
      return;
    }
    const { beans } = project(config);
    const report = (message) => reporter.report(node.id, message);

    function checkBeanReference(ref, where) {
      const bean = beans.get(ref.bean);
      const text = `${ref.bean}.${ref.member}${ref.isCall ? '(...)' : ''}`;
      if (!bean) {
        report(`No Spring bean <${ref.bean}> in src/main/java for ${text} (${where})`);
        return;
      }
      if (bean.kind === 'class' && !bean.isPublic) {
        report(`Bean <${ref.bean}> (${bean.className}) is not a public class, so the expression ${text} cannot call it (${where})`);
      }
      const access = memberAccess(bean, ref.member, ref.isCall);
      if (access === 'missing') {
        report(`Bean <${ref.bean}> (${bean.className}) has no ${ref.isCall ? 'method' : 'property getter for'} <${ref.member}> (${where})`);
      } else if (access === 'not-public') {
        report(`Bean <${ref.bean}> (${bean.className}): <${ref.member}> is not public (${where})`);
      }
    }

    function checkDelegate(owner, where, interfaces) {
      if (owner.class) {
        report(`${where} uses camunda:class="${owner.class}": name a Spring bean with camunda:delegateExpression="\${beanName}"`);
        return;
      }
      if (owner.delegateExpression) {
        const name = delegateBean(owner.delegateExpression);
        if (!name) {
          const method = methodExpression(owner.delegateExpression);
          if (method) {
            checkBeanReference(method, where);
          } else {
            report(`${where}: delegate expression ${owner.delegateExpression} does not name a bean (\${beanName})`);
          }
          return;
        }
        const bean = beans.get(name);
        if (!bean) {
          report(`No Spring bean <${name}> in src/main/java for ${owner.delegateExpression} (${where})`);
          return;
        }
        if (interfaces.every(iface => implementsInterface(bean, iface) === false)) {
          report(`Bean <${name}> (${bean.className}) does not implement ${interfaces.join(' or ')} (${where})`);
        }
        return;
      }
      if (owner.expression) {
        const method = methodExpression(owner.expression);
        if (method && BUILT_INS.has(method.bean)) {
          report(`${where}: expression ${owner.expression} works on the engine's <${method.bean}> itself: ` +
            'put the logic in a bean and call ${beanName.method(...)}');
        } else if (method) {
          checkBeanReference(method, where);
        } else {
          report(`${where}: expression ${owner.expression} does not call a bean (\${beanName.method(...)})`);
        }
        return;
      }
      return 'none';
    }

    function checkExpressions(text, where) {
      for (const ref of referencedBeans(text)) {
        checkBeanReference(ref, where);
      }
    }

    // service tasks and their kind: the delegate
    if (DELEGATE_OWNERS.some(type => is(node, type))) {
      const kind = node.$type.replace('bpmn:', '');
      const none = checkDelegate(node, kind, [ 'JavaDelegate', 'ActivityBehavior' ]);
      const isDecision = is(node, 'bpmn:BusinessRuleTask') && node.get('camunda:decisionRef');
      if (none && !isDecision) {
        report(`${kind} names no delegate bean: set camunda:delegateExpression="\${beanName}" ` +
          'or camunda:expression="${beanName.method(...)}"');
      }
    }

    // message throw events implemented by a delegate
    for (const definition of node.eventDefinitions || []) {
      if (is(definition, 'bpmn:MessageEventDefinition') && !is(node, 'bpmn:CatchEvent')) {
        checkDelegate(definition, 'message event', [ 'JavaDelegate', 'ActivityBehavior' ]);
      }
      if (is(definition, 'bpmn:TimerEventDefinition')) {
        for (const part of [ 'timeDate', 'timeDuration', 'timeCycle' ]) {
          checkExpressions(body(definition[part]), `timer ${part}`);
        }
      }
    }

    // listeners
    for (const value of extensionValues(node)) {
      const isTaskListener = is(value, 'camunda:TaskListener');
      if (!isTaskListener && !is(value, 'camunda:ExecutionListener')) {
        continue;
      }
      const where = `${isTaskListener ? 'task' : 'execution'} listener on <${value.event}>` + (value.id ? ` <${value.id}>` : '');
      if (value.script) {
        continue; // caseway/no-script reports it
      }
      const interfaces = isTaskListener ? [ 'TaskListener' ] : [ 'ExecutionListener', 'JavaDelegate' ];
      if (checkDelegate(value, where, interfaces) === 'none') {
        report(`${where} names no delegate bean: set delegateExpression="\${beanName}"`);
      }
      for (const definition of value.eventDefinitions || []) {
        for (const part of [ 'timeDate', 'timeDuration', 'timeCycle' ]) {
          checkExpressions(body(definition[part]), `${where} ${part}`);
        }
      }
    }

    // call activity inputs
    for (const value of extensionValues(node)) {
      if (is(value, 'camunda:In')) {
        checkExpressions(value.sourceExpression, 'call activity input');
        checkExpressions(value.businessKey, 'call activity business key');
      }
    }

    // user task assignment and dates
    if (is(node, 'bpmn:UserTask')) {
      for (const name of [ 'assignee', 'candidateUsers', 'candidateGroups', 'dueDate', 'followUpDate', 'priority' ]) {
        checkExpressions(node.get(`camunda:${name}`), name);
      }
    }

    // multi-instance
    const loop = node.loopCharacteristics;
    if (loop && is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) {
      checkExpressions(loop.get('camunda:collection'), 'multi-instance collection');
      checkExpressions(body(loop.loopCardinality), 'multi-instance cardinality');
      checkExpressions(body(loop.completionCondition), 'multi-instance completion condition');
    }

    // conditions
    if (node.conditionExpression && !node.conditionExpression.language) {
      checkExpressions(body(node.conditionExpression), 'condition');
    }
  }

  return { check };
};
