/**
 * `ltikit`: LTI 1.3 and Advantage for both sides. The side-specific code lives in the entries
 * `ltikit/tool` and `ltikit/platform`; this entry re-exports what both share.
 */
export * from './errors.js';
export * from './vocab/index.js';
export * from './messages/index.js';
export * from './keys/index.js';
export * from './stores/index.js';
export { type Clock, systemClock, fixedClock } from './lib/clock.js';
export type { LtiMessageEvent, LtiMessageObserver, LtiMessageKind } from './lib/observe.js';
