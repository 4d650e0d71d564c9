/**
 * The LTI 1.0/1.1 part of the platform, as `createPlatform` wires it: registering 1.1 tools,
 * signed launches and the Basic Outcomes endpoint, each reported to the observer like the 1.3
 * messages.
 *
 * @example
 * ```ts
 * const credential = await platform.lti11.registerTool({ name: 'Legacy quiz', launchUrl: 'https://quiz.example.com/lti' });
 * const launch = await platform.createLti11Launch({ consumerKey: credential.consumerKey, user, roles, context, resourceLink, outcome: true });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html
 */
import { LtiError, toLtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { LtiMessageEvent } from '../../lib/observe.js';
import type { Lti11Credential, Lti11CredentialStore, SingleUseStore } from '../../stores/types.js';
import { LTI11_MESSAGE_TYPE } from '../../vocab/message_types.js';
import type { PlatformOptions, ResolvedPlatformConfig } from '../config.js';
import { type Lti11Launch, type Lti11LaunchRequest, createLti11Launch } from './create_lti11_launch.js';
import { handleOutcomeRequest } from './handle_outcome_request.js';
import { type Lti11ToolInput, registerLti11Tool } from './register_lti11_tool.js';

/**
 * `platform.lti11`: the LTI 1.1 tool registry of the platform.
 *
 * @example
 * ```ts
 * const { consumerKey, secret, lti13 } = await platform.lti11.registerTool({ name: 'Legacy quiz', launchUrl: 'https://quiz.example.com/lti' });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (OA-006), https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-005)
 */
export interface Lti11PlatformTools {
  /**
   * Checks and stores a 1.1 tool; generates its consumer key and a 32-byte secret when not given,
   * and reserves the 1.3 client id (and deployment id) its grades are stored under
   * (`credential.lti13`). Throws `ERR_LTI11_TOOL_REGISTRATION_INVALID` or `ERR_LTI11_CONSUMER_KEY_TAKEN`.
   */
  registerTool(input: Lti11ToolInput): Promise<Lti11Credential>;
}

/** What the platform needs from its LTI 1.1 part. */
export interface Lti11PlatformPart {
  tools: Lti11PlatformTools;
  createLaunch(request: Lti11LaunchRequest): Promise<Lti11Launch>;
  handleOutcomes(request: Request): Promise<Response>;
}

/** Builds the LTI 1.1 part from the platform's options (`stores.lti11`, `ags`, `lti11`). */
export function createLti11Part(deps: {
  config: ResolvedPlatformConfig;
  options: PlatformOptions;
  singleUse: SingleUseStore;
  clock: Clock;
  observe: (event: Omit<LtiMessageEvent, 'side'>) => void;
  report: (error: LtiError, request: Request) => void;
}): Lti11PlatformPart {
  const { config, options, clock, observe } = deps;
  const lti11Options = options.lti11 ?? {};
  const requireStore = (): Lti11CredentialStore => {
    const store = options.stores.lti11;
    if (store === undefined) throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'LTI 1.1 tools need `stores.lti11` (their consumer keys and secrets).' });
    return store;
  };

  async function createLaunch(request: Lti11LaunchRequest): Promise<Lti11Launch> {
    const started = performance.now();
    const event = { kind: 'launch', direction: 'sent', messageType: LTI11_MESSAGE_TYPE.BasicLtiLaunchRequest } as const;
    try {
      const launch = await createLti11Launch(request, {
        config,
        store: requireStore(),
        clock,
        outcomesAvailable: options.ags !== undefined && lti11Options.resourceLinkAccess !== undefined,
      });
      observe({ ...event, outcome: 'accepted', ...(launch.clientId === undefined ? {} : { clientId: launch.clientId }), durationMs: performance.now() - started });
      return launch;
    } catch (thrown) {
      const error = toLtiError(thrown);
      observe({ ...event, outcome: 'rejected', errorCode: error.code, durationMs: performance.now() - started });
      throw error;
    }
  }

  async function handleOutcomes(request: Request): Promise<Response> {
    // Without a credential store or an AGS store there is no Basic Outcomes service at all.
    if (options.stores.lti11 === undefined || options.ags === undefined) throw new LtiError('ERR_LTI_NOT_FOUND');
    const started = performance.now();
    const handled = await handleOutcomeRequest(request, {
      config,
      credentials: options.stores.lti11,
      tools: options.stores.tools,
      ags: { store: options.ags.store, isMember: options.ags.isMember },
      lti11: lti11Options,
      singleUse: deps.singleUse,
      clock,
    });
    if (handled.error !== undefined) deps.report(handled.error, request);
    observe({
      kind: 'service_request',
      direction: 'received',
      outcome: handled.codeMajor === 'success' ? 'accepted' : 'rejected',
      messageType: handled.operation === undefined ? 'basicOutcomes' : `${handled.operation}Request`,
      ...(handled.clientId === undefined ? {} : { clientId: handled.clientId }),
      ...(handled.error === undefined ? {} : { errorCode: handled.error.code }),
      durationMs: performance.now() - started,
    });
    return handled.response;
  }

  return {
    tools: {
      registerTool: async (input) => registerLti11Tool(input, { store: requireStore(), allowInsecureLoopback: config.allowInsecureLoopback, clock }),
    },
    createLaunch,
    handleOutcomes,
  };
}
