/**
 * The LTI vocabulary: every claim URI, message type, role, context type, scope, media type and
 * substitution variable, spelled once as the spec spells it.
 *
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export * from './ags_progress.js';
export * from './claims.js';
export * from './content_item_types.js';
export * from './context_types.js';
export * from './media_types.js';
export * from './message_types.js';
export * from './post_messages.js';
export * from './roles.js';
export * from './scopes.js';
export * from './variables.js';
