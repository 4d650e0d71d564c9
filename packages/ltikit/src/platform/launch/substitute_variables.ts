/**
 * Custom parameter substitution (CUST-002..006).
 *
 * @example
 * ```ts
 * substituteVariables({ uid: '$User.id', x: '$Unknown.var' }, { '$User.id': 'a3f0' });
 * // → { uid: 'a3f0', x: '$Unknown.var' }
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#customproperty
 */
import { PERSONAL_DATA_VARIABLES } from '../../vocab/variables.js';

/**
 * Replaces each value that is exactly a known `$Variable` with its value (CUST-002). Unknown
 * variables, and variables with no value for this launch, stay literal (CUST-003). When
 * `allowPersonalData` is false, personal-data variables stay literal too (CUST-006).
 *
 * @example
 * ```ts
 * substituteVariables({ uid: '$User.id', x: '$Unknown.var' }, { '$User.id': 'a3f0' }); // → { uid: 'a3f0', x: '$Unknown.var' }
 * ```
 */
export function substituteVariables(
  custom: Record<string, string>,
  values: Readonly<Record<string, string | undefined>>,
  options: { allowPersonalData: boolean } = { allowPersonalData: true },
): Record<string, string> {
  const personal = new Set<string>(PERSONAL_DATA_VARIABLES);
  const result: Record<string, string> = {};
  for (const [key, raw] of Object.entries(custom)) {
    const value = String(raw);
    if (!value.startsWith('$')) {
      result[key] = value;
      continue;
    }
    const resolved = values[value];
    if (resolved === undefined || (!options.allowPersonalData && personal.has(value))) result[key] = value;
    else result[key] = resolved;
  }
  return result;
}
