// LTI 1.1 → 1.3 migration cases (lti11.md §5): the tool harness holding a 1.1 credential, and
// launches whose payload carries an `lti1p1` claim signed (or mis-signed) the way a platform signs
// it (MIG-001), with the public `signLti1p1` of `ltikit/messages`.
import { LTI_CLAIM } from 'ltikit';
import { signLti1p1 } from 'ltikit/messages';
import type { Lti11Credential } from 'ltikit/stores';
import { type LaunchAttempt, type LaunchPayload, NOW, STUDENT_SUB, type ToolHarness, type ToolHarnessOptions, baselinePayload, createToolHarness } from './tool_harness.js';

/** The 1.1 consumer key and secret the tool and the validator's platform shared before 1.3. */
export const CONSUMER_KEY = '179248902';
export const SECRET = 'my-lti11-secret';
/** The student's 1.1 `user_id`, which differs from the 1.3 `sub`. */
export const LEGACY_USER_ID = '34212';

/** The tool harness, its `stores.lti11` holding the credential (`credential` merged over it). */
export async function createMigrationHarness(options: ToolHarnessOptions & { credential?: Partial<Lti11Credential> } = {}): Promise<ToolHarness> {
  const { credential, ...harnessOptions } = options;
  const harness = await createToolHarness(harnessOptions);
  await harness.stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, name: 'LTI Advantage validator', createdAt: NOW - 86_400, ...credential });
  return harness;
}

/** The sign a platform holding `secret` computes over `payload`'s own values (MIG-001). */
export function signFor(payload: LaunchPayload, overrides: { secret?: string; exp?: number } = {}): Promise<string> {
  return signLti1p1(
    {
      consumerKey: CONSUMER_KEY,
      deploymentId: payload[LTI_CLAIM.deploymentId] as string,
      issuer: payload.iss as string,
      clientId: payload.aud as string,
      exp: overrides.exp ?? (payload.exp as number),
      nonce: payload.nonce as string,
    },
    overrides.secret ?? SECRET,
  );
}

/**
 * A student launch (login → baseline payload → `lti1p1` claim from `claim` → sign → POST): `claim`
 * receives the payload, complete but for the claim, and may also edit it.
 */
export async function launchWithLti1p1(harness: ToolHarness, claim: (payload: LaunchPayload) => Promise<Record<string, unknown>>): Promise<LaunchAttempt> {
  const login = await harness.login({ parameters: { login_hint: STUDENT_SUB } });
  const payload = baselinePayload('student', login.nonce, harness.clock.now());
  payload[LTI_CLAIM.lti1p1] = await claim(payload);
  const idToken = await harness.sign(payload);
  const response = await harness.postLaunch({ idToken, state: login.state, cookie: login.cookie });
  return { response, login, payload, idToken };
}
