/**
 * Names and Role Provisioning Services 2.0: the typed wire model of a membership container and its
 * pure validator. The platform renders this shape; the tool validates what it receives against it.
 *
 * @example
 * ```ts
 * import { validateMembershipContainer } from 'ltikit/messages';
 * const container = validateMembershipContainer(await response.json()); // throws ERR_LTI_NRPS_CONTAINER_INVALID
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type
 */
import * as v from 'valibot';
import { LtiError } from '../errors.js';
import { LTI_CLAIM } from '../vocab/claims.js';

/**
 * A member's status in the context (nrps.md §3). Absent means `Active` (NRPS-022); `Deleted`
 * appears only in differences answers (NRPS-031).
 *
 * @example
 * ```ts
 * const status: MembershipStatus = member.status ?? 'Active';
 * ```
 * @see NRPS-022, NRPS-031 in shared/spec/nrps.md
 */
export type MembershipStatus = 'Active' | 'Inactive' | 'Deleted';

/**
 * One entry of a member's `message` array, sent only for a request with `rlid` (NRPS-023): the
 * per-user claims the tool would receive in a launch of that resource link, keyed by claim URI —
 * `message_type` (e.g. `LtiResourceLinkRequest`), typically `custom` and the Basic Outcome claim.
 *
 * @example
 * ```ts
 * const message: NrpsMessage = {
 *   [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest',
 *   [LTI_CLAIM.custom]: { extra_time: '15' },
 * };
 * ```
 * @see NRPS-023 in shared/spec/nrps.md
 */
export interface NrpsMessage {
  [LTI_CLAIM.messageType]?: string;
  [LTI_CLAIM.custom]?: Record<string, string>;
  [claim: string]: unknown;
}

/**
 * One member of a membership container, with the spec's field names (nrps.md §3). `user_id` is the
 * `sub` of the same user's launches (NRPS-021); personal fields are present only as far as the
 * platform's privacy rules release them (NRPS-020, MSG-004).
 *
 * @example
 * ```ts
 * const member: NrpsMember = {
 *   user_id: 'a3f0c2e1', roles: [CONTEXT_ROLE.Learner], status: 'Active',
 *   name: 'Grace Hopper', given_name: 'Grace', family_name: 'Hopper', email: 'grace@example.edu',
 * };
 * ```
 * @see NRPS-020, NRPS-021 in shared/spec/nrps.md
 */
export interface NrpsMember {
  user_id: string;
  /** Role URIs in this context, same vocabulary as the launch `roles` claim. */
  roles: string[];
  /** Absent means `Active` (NRPS-022); the tool side always fills it in. */
  status?: MembershipStatus;
  name?: string;
  given_name?: string;
  family_name?: string;
  middle_name?: string;
  email?: string;
  picture?: string;
  /** The SIS id of the person. */
  lis_person_sourcedid?: string;
  /** The LTI 1.1 `user_id`, when it differs from `user_id` (migration). */
  lti11_legacy_user_id?: string;
  /** Per-link launch claims, only in answers to a request with `rlid` (NRPS-023). */
  message?: NrpsMessage[];
}

/**
 * The body of a memberships answer (`application/vnd.ims.lti-nrps.v2.membershipcontainer+json`,
 * NRPS-003): the URL answered, the context and one page of members. Paging and differences travel
 * in the `Link` header, not here (NRPS-030, NRPS-031).
 *
 * @example
 * ```ts
 * const container: MembershipContainer = {
 *   id: 'https://lms.example.edu/lti/contexts/ctx-991/memberships?limit=2',
 *   context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
 *   members: [{ user_id: 'a3f0c2e1', roles: [CONTEXT_ROLE.Learner], status: 'Active' }],
 * };
 * ```
 * @see NRPS-003, NRPS-020 in shared/spec/nrps.md
 */
export interface MembershipContainer {
  id: string;
  context: { id: string; label?: string; title?: string };
  members: NrpsMember[];
}

const optionalText = v.nullish(v.string());

// CUST-001: custom values are strings; numbers and booleans (seen from some platforms) become text.
const CustomSchema = v.record(
  v.string(),
  v.pipe(
    v.union([v.string(), v.number(), v.boolean()]),
    v.transform((value) => String(value)),
  ),
);

const MessageSchema = v.looseObject({
  [LTI_CLAIM.messageType]: v.optional(v.string()),
  [LTI_CLAIM.custom]: v.optional(CustomSchema),
});

const MemberSchema = v.looseObject({
  user_id: v.pipe(v.string(), v.minLength(1)),
  roles: v.array(v.string()),
  // NRPS-022: absent (or null) means Active.
  status: v.nullish(v.picklist(['Active', 'Inactive', 'Deleted'])),
  name: optionalText,
  given_name: optionalText,
  family_name: optionalText,
  middle_name: optionalText,
  email: optionalText,
  picture: optionalText,
  lis_person_sourcedid: optionalText,
  lti11_legacy_user_id: optionalText,
  message: v.nullish(v.array(MessageSchema)),
});

const ContainerSchema = v.looseObject({
  id: v.string(),
  context: v.looseObject({
    id: v.pipe(v.string(), v.minLength(1)),
    label: optionalText,
    title: optionalText,
  }),
  members: v.array(MemberSchema),
});

/**
 * Validates a parsed membership container: `id`, `context.id` and `members` present, every member
 * with a `user_id` and `roles` (NRPS-020) and a known `status`. Missing `status` becomes `Active`
 * (NRPS-022); `null` optional fields are dropped; unknown properties are ignored, not refused.
 *
 * @throws LtiError `ERR_LTI_NRPS_CONTAINER_INVALID`, with the failing path in `detail.path`.
 * @example
 * ```ts
 * const { context, members } = validateMembershipContainer(JSON.parse(body));
 * for (const member of members) console.log(member.user_id, member.status); // status always set
 * ```
 * @see NRPS-003, NRPS-020, NRPS-022 in shared/spec/nrps.md
 */
export function validateMembershipContainer(value: unknown): MembershipContainer {
  const result = v.safeParse(ContainerSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue?.path?.map((item) => String(item.key)).join('.') ?? '';
    throw new LtiError('ERR_LTI_NRPS_CONTAINER_INVALID', {
      message: `The membership container is not well-formed${path ? ` at \`${path}\`` : ''}: ${issue?.message ?? 'invalid value'} (NRPS-020).`,
      detail: { path },
    });
  }
  const { context, members } = result.output;
  return {
    ...withoutNulls(result.output),
    context: withoutNulls(context) as MembershipContainer['context'],
    members: members.map((member) => {
      const cleaned = withoutNulls(member) as unknown as NrpsMember;
      cleaned.status = member.status ?? 'Active';
      return cleaned;
    }),
  } as MembershipContainer;
}

function withoutNulls<T extends Record<string, unknown>>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (value[key] !== null && value[key] !== undefined) copy[key] = value[key];
  return copy as T;
}
