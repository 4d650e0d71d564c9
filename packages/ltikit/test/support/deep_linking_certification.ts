// The Deep Linking request of the certification suite (certification.md §3, [V:PB]), shared by the
// unit tests and the conformance suite. It imports nothing of the library, so the conformance suite
// still tests only what users install (dist/).

/** The `data` of the certification's request, which the response must echo (CERT-T-55). */
export const CERT_DATA = '909708';

/** `deep_linking_settings` of the certification's request, as recovered, returning to `returnUrl`. */
export function certificationSettings(returnUrl: string) {
  return {
    accept_types: ['link', 'file', 'html', 'ltiResourceLink'],
    accept_media_types: 'image/*,text/html,application/json',
    accept_presentation_document_targets: ['iframe', 'window'],
    accept_multiple: true,
    auto_create: true,
    title: 'Certification Deep Linking',
    text: 'Certification Default Text Description',
    data: CERT_DATA,
    deep_link_return_url: returnUrl,
  };
}
