/**
 * A strict reader for the small XML documents LTI 1.1 exchanges (Basic Outcomes POX envelopes).
 * It reads elements, attributes, text, CDATA and comments with namespaces resolved, and refuses
 * what an outcomes message never needs and attackers use: a DTD or entity declaration is refused
 * on sight, never read (no entity expansion, no external fetch); only the five predefined entities
 * and character references are decoded. Depth, element count and attributes per element are capped.
 *
 * @example
 * ```ts
 * const root = parseXml('<a xmlns="urn:x"><b>1 &amp; 2</b></a>');
 * root.children[0]?.text; // '1 & 2'
 * ```
 * @see https://www.w3.org/TR/xml/
 */
import { LtiError } from '../errors.js';

/**
 * One element: its local name, resolved namespace URI, attributes (by qualified name), child
 * elements and the concatenation of its own text and CDATA.
 *
 * @example
 * ```ts
 * const element: XmlElement = { name: 'sourcedId', namespace: 'urn:x', attributes: new Map(), children: [], text: 'rs-1' };
 * ```
 * @see https://www.w3.org/TR/xml-names/
 */
export interface XmlElement {
  name: string;
  namespace: string | undefined;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
}

// A Map, not an object literal: `&constructor;` must not find Object.prototype's members.
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);
const NAME = /[A-Za-z_][\w.\-:]*/y;
/** Attributes read on one element at most: an outcomes envelope has a handful. */
const MAX_ATTRIBUTES = 64;

/**
 * The namespace bindings in force: an element that declares none shares its parent's scope, one
 * that declares some adds a frame over it, so no element copies the bindings above it (which made
 * many declarations on an element with many children cost quadratic time).
 */
interface NamespaceScope {
  readonly bindings: ReadonlyMap<string, string>;
  readonly parent: NamespaceScope | undefined;
}

function resolvePrefix(scope: NamespaceScope | undefined, prefix: string): string | undefined {
  for (let frame = scope; frame !== undefined; frame = frame.parent) {
    const namespace = frame.bindings.get(prefix);
    if (namespace !== undefined) return namespace;
  }
  return undefined;
}

/**
 * Parses `source` into its root element. Throws `ERR_LTI11_XML_DTD_REFUSED` for `<!DOCTYPE` or
 * `<!ENTITY`, and `ERR_LTI11_XML_MALFORMED` (with the position) for anything not well-formed.
 *
 * @example
 * ```ts
 * parseXml('<?xml version="1.0"?><x/>').name; // 'x'
 * ```
 * @see https://www.w3.org/TR/xml/#sec-well-formed
 */
export function parseXml(source: string, limits: { maxDepth?: number; maxElements?: number } = {}): XmlElement {
  return new XmlReader(source, limits.maxDepth ?? 32, limits.maxElements ?? 2000).document();
}

/**
 * The child elements of `element` with local name `name` (any namespace when `namespace` is absent).
 *
 * @example
 * ```ts
 * childElements(root, 'imsx_POXBody').length; // 1
 * ```
 * @see https://www.w3.org/TR/xml-names/
 */
export function childElements(element: XmlElement, name: string, namespace?: string): XmlElement[] {
  return element.children.filter((child) => child.name === name && (namespace === undefined || child.namespace === namespace));
}

/**
 * Escapes text for an XML element or a double-quoted attribute.
 *
 * @example
 * ```ts
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 * @see https://www.w3.org/TR/xml/#syntax
 */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[char]};`);
}

class XmlReader {
  #position = 0;
  #elements = 0;

  constructor(
    readonly source: string,
    readonly maxDepth: number,
    readonly maxElements: number,
  ) {}

  document(): XmlElement {
    if (this.source.startsWith('\ufeff')) this.#position = 1;
    if (this.source.startsWith('<?xml', this.#position)) this.#skipPast('?>');
    this.#misc();
    if (this.source[this.#position] !== '<') this.#fail('expected the root element');
    const root = this.#element({ bindings: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), parent: undefined }, 1);
    this.#misc();
    if (this.#position !== this.source.length) this.#fail('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions around the root element. */
  #misc(): void {
    for (;;) {
      this.#skipWhitespace();
      if (this.source.startsWith('<!--', this.#position)) this.#comment();
      else if (this.source.startsWith('<?', this.#position)) this.#skipPast('?>');
      else if (this.source.startsWith('<!', this.#position)) this.#declaration();
      else return;
    }
  }

  #element(scope: NamespaceScope, depth: number): XmlElement {
    if (depth > this.maxDepth) this.#fail('elements nested too deeply');
    if (++this.#elements > this.maxElements) this.#fail('too many elements');
    this.#position++; // '<'
    const qname = this.#name();
    const attributes = new Map<string, string>();
    let selfClosing = false;
    for (;;) {
      const hadSpace = this.#skipWhitespace();
      const char = this.source[this.#position];
      if (char === '>') {
        this.#position++;
        break;
      }
      if (char === '/' && this.source[this.#position + 1] === '>') {
        this.#position += 2;
        selfClosing = true;
        break;
      }
      if (!hadSpace) this.#fail('expected whitespace, > or />');
      const attribute = this.#name();
      this.#skipWhitespace();
      if (this.source[this.#position] !== '=') this.#fail('expected = after an attribute name');
      this.#position++;
      this.#skipWhitespace();
      const quote = this.source[this.#position];
      if (quote !== '"' && quote !== "'") this.#fail('expected a quoted attribute value');
      const end = this.source.indexOf(quote, this.#position + 1);
      if (end < 0) this.#fail('unterminated attribute value');
      const raw = this.source.slice(this.#position + 1, end);
      if (raw.includes('<')) this.#fail('< in an attribute value');
      if (attributes.has(attribute)) this.#fail(`attribute ${attribute} repeated`);
      if (attributes.size === MAX_ATTRIBUTES) this.#fail(`more than ${MAX_ATTRIBUTES} attributes on one element`);
      attributes.set(attribute, this.#decode(raw));
      this.#position = end + 1;
    }
    const declared = new Map<string, string>();
    for (const [attribute, value] of attributes) {
      if (attribute === 'xmlns') declared.set('', value);
      else if (attribute.startsWith('xmlns:')) declared.set(attribute.slice(6), value);
    }
    const localScope: NamespaceScope = declared.size === 0 ? scope : { bindings: declared, parent: scope };
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const name = colon < 0 ? qname : qname.slice(colon + 1);
    const bound = resolvePrefix(localScope, prefix);
    if (prefix !== '' && bound === undefined) this.#fail(`undeclared namespace prefix ${prefix}`);
    const namespace = bound || undefined;
    const element: XmlElement = { name, namespace, attributes, children: [], text: '' };
    if (selfClosing) return element;
    for (;;) {
      const next = this.source.indexOf('<', this.#position);
      if (next < 0) this.#fail(`element ${qname} is not closed`);
      element.text += this.#decode(this.source.slice(this.#position, next));
      this.#position = next;
      if (this.source.startsWith('</', next)) {
        this.#position += 2;
        const closing = this.#name();
        if (closing !== qname) this.#fail(`</${closing}> closes <${qname}>`);
        this.#skipWhitespace();
        if (this.source[this.#position] !== '>') this.#fail('expected > after a closing tag');
        this.#position++;
        return element;
      }
      if (this.source.startsWith('<!--', next)) this.#comment();
      else if (this.source.startsWith('<![CDATA[', next)) {
        const end = this.source.indexOf(']]>', next + 9);
        if (end < 0) this.#fail('unterminated CDATA section');
        element.text += this.source.slice(next + 9, end);
        this.#position = end + 3;
      } else if (this.source.startsWith('<!', next)) this.#declaration();
      else if (this.source.startsWith('<?', next)) this.#skipPast('?>');
      else element.children.push(this.#element(localScope, depth + 1));
    }
  }

  /** `<!DOCTYPE` and `<!ENTITY` are refused unread; any other `<!` is not XML we accept. */
  #declaration(): never {
    if (/^<!(DOCTYPE|ENTITY)/i.test(this.source.slice(this.#position, this.#position + 9))) {
      throw new LtiError('ERR_LTI11_XML_DTD_REFUSED', { detail: { position: this.#position } });
    }
    this.#fail('unexpected <!');
  }

  #comment(): void {
    const end = this.source.indexOf('-->', this.#position + 4);
    if (end < 0) this.#fail('unterminated comment');
    this.#position = end + 3;
  }

  #name(): string {
    NAME.lastIndex = this.#position;
    const match = NAME.exec(this.source);
    if (match === null) this.#fail('expected a name');
    this.#position += match[0].length;
    return match[0];
  }

  #skipWhitespace(): boolean {
    const start = this.#position;
    while (/[ \t\r\n]/.test(this.source[this.#position] ?? '')) this.#position++;
    return this.#position > start;
  }

  #skipPast(terminator: string): void {
    const end = this.source.indexOf(terminator, this.#position);
    if (end < 0) this.#fail(`expected ${terminator}`);
    this.#position = end + terminator.length;
  }

  #decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s<]*);?/g, (whole, body: string) => {
      if (!whole.endsWith(';')) this.#fail('& not starting an entity reference');
      const predefined = PREDEFINED.get(body);
      if (predefined !== undefined) return predefined;
      const reference = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
      if (reference === null) this.#fail(`undeclared entity &${body};`);
      const codePoint = reference[1] !== undefined ? Number.parseInt(reference[1], 16) : Number(reference[2]);
      if (codePoint > 0x10ffff || codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff)) this.#fail(`character reference &${body}; is not a character`);
      return String.fromCodePoint(codePoint);
    });
  }

  #fail(problem: string): never {
    throw new LtiError('ERR_LTI11_XML_MALFORMED', { message: `The XML body is not well-formed: ${problem}.`, detail: { position: this.#position } });
  }
}
