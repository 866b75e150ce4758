import { createRequire as __sasGuardRequire } from "node:module"; const require = __sasGuardRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP2 = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP: SEP2
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code2 === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code2 === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants2 = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants2;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants2.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal2 = normalizeSimpleBranch(branch);
        if (literal2 && literal2.length === 1) {
          safeChars.push(literal2);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants2.globChars(opts.windows);
      const EXTGLOB_CHARS = constants2.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal2 = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal2;
          open.output = safeOutput || utils.escapeRegex(literal2);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants2.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants2 = require_constants();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch2(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options) : picomatch2.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch2.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob, options, posix = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix }));
    };
    picomatch2.isMatch = (str, patterns, options) => picomatch2(patterns, options)(str);
    picomatch2.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch2.scan = (input, options) => scan(input, options);
    picomatch2.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch2.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants2;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// src/scan/pool/scan-worker.ts
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";

// src/config/glob.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
function normalizePath(path) {
  return path.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "").replace(/^\/+/, "");
}
function selfAndAncestors(path) {
  const out = [path];
  for (let slash = path.lastIndexOf("/"); slash > 0; slash = path.lastIndexOf("/", slash - 1)) out.push(path.slice(0, slash));
  return out;
}
function compileGlob(pattern) {
  const trimmed = pattern.trim().replace(/\/+$/, "");
  const anchored = trimmed.startsWith("/") || trimmed.includes("/");
  const source = anchored ? normalizePath(trimmed) : `**/${trimmed}`;
  const test = (0, import_picomatch.default)(source, { dot: true, nonegate: true });
  return (path) => selfAndAncestors(normalizePath(path)).some((candidate) => test(candidate));
}

// src/config/risk-policy.ts
function toRiskPolicy(config) {
  const { maxLifetimeDays, ...rest } = config.policy;
  return maxLifetimeDays === void 0 ? { ...rest } : { ...rest, maxLifetimeDays };
}

// src/config/path-filter.ts
var compileAll = (patterns) => patterns.map((pattern) => ({ pattern, matches: compileGlob(pattern) }));
function compilePathFilter(config) {
  const ignore = compileAll(config.paths.ignore);
  const include = compileAll(config.paths.include);
  const notIncludedReason = `not matched by paths.include (${config.paths.include.map((p) => JSON.stringify(p)).join(", ")})`;
  return (path) => {
    const ignoredBy = ignore.find((glob) => glob.matches(path));
    if (ignoredBy) return { included: false, reason: `ignored by paths.ignore (${JSON.stringify(ignoredBy.pattern)})` };
    if (include.length > 0 && !include.some((glob) => glob.matches(path))) return { included: false, reason: notIncludedReason };
    return { included: true };
  };
}

// src/scan/scan-config.ts
function buildScanConfig(loaded, overrides = {}) {
  const { config } = loaded;
  return Object.freeze({
    config,
    filter: compilePathFilter(config),
    maxBytes: Math.floor(config.maxFileSizeMB * 1048576),
    policy: toRiskPolicy(config),
    allowlist: config.allowlist.map((e) => ({
      fingerprint: e.fingerprint,
      reason: e.reason,
      ...e.expires !== void 0 ? { expires: e.expires } : {},
      ...e.path !== void 0 ? { matchesPath: compileGlob(e.path) } : {}
    })),
    inlineIgnore: config.inlineIgnore,
    failOn: overrides.failOn ?? config.failOn,
    configSource: loaded.source,
    configErrors: [...loaded.errors],
    ...overrides.verify || config.verify.enabled ? { verify: config.verify } : {}
  });
}

// src/detect/types.ts
var SEVERITIES = ["critical", "high", "medium", "low", "info"];
var FINDING_KINDS = [
  "account-sas",
  "service-sas",
  "user-delegation-sas",
  "servicebus-sas",
  "storage-account-key",
  "connection-string",
  // The rest of the Azure shared-key family (issue 17): one file per detector in src/detect/.
  "iot-sas",
  "iot-connection-string",
  "event-grid-key",
  "event-grid-sas",
  "cosmos-db-key",
  "identifiable-key"
];
var DEFAULT_RISK_POLICY = Object.freeze({
  shortWindowDays: 7,
  longWindowDays: 365,
  violationSeverity: "high"
});

// src/scan/read-text-file.ts
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

// src/detect/marvin.ts
var rotl = (x, n) => (x << n | x >>> 32 - n) >>> 0;
function mix(p0, p1) {
  p1 = (p1 ^ p0) >>> 0;
  p0 = rotl(p0, 20);
  p0 = p0 + p1 >>> 0;
  p1 = rotl(p1, 9);
  p1 = (p1 ^ p0) >>> 0;
  p0 = rotl(p0, 27);
  p0 = p0 + p1 >>> 0;
  p1 = rotl(p1, 19);
  return [p0, p1];
}
function marvin64(data2, seed) {
  let p0 = Number(seed & 0xffffffffn);
  let p1 = Number(seed >> 32n & 0xffffffffn);
  const whole = data2.length - data2.length % 4;
  for (let i = 0; i < whole; i += 4) {
    const block = (data2[i] | data2[i + 1] << 8 | data2[i + 2] << 16 | data2[i + 3] << 24) >>> 0;
    p0 = p0 + block >>> 0;
    [p0, p1] = mix(p0, p1);
  }
  let last = 128;
  for (let i = data2.length - 1; i >= whole; i--) last = (last << 8 | data2[i]) >>> 0;
  p0 = p0 + last >>> 0;
  [p0, p1] = mix(p0, p1);
  [p0, p1] = mix(p0, p1);
  return [p0, p1];
}
function marvin32(data2, seed) {
  const [lo, hi] = marvin64(data2, seed);
  return (lo ^ hi) >>> 0;
}

// src/detect/identifiable-key.ts
var MESSAGING = [
  [0x53656e6430303030n, "send"],
  [0x4c697374656e3030n, "listen"],
  [0x4d616e6167653030n, "manage"]
];
var PROVIDERS = [
  { service: "storage", label: "Azure Storage account key", signature: "+ASt", bytes: 64, seeds: [[0x44656661756c7430n, "account"]] },
  {
    service: "cosmos-db",
    label: "Azure Cosmos DB key",
    signature: "ACDb",
    bytes: 64,
    seeds: [
      [0x4d61737452573030n, "read-write"],
      [0x4d617374524f3030n, "read-only"],
      [0x5379737452573030n, "system read-write"],
      [0x53797374524f3030n, "system read-only"],
      [0x537973416c6c3030n, "system"],
      [0x5265736f75723030n, "resource"],
      [0x456e637279703030n, "data encryption"]
    ]
  },
  { service: "service-bus", label: "Azure Service Bus key", signature: "+ASb", bytes: 32, seeds: MESSAGING },
  { service: "event-hubs", label: "Azure Event Hubs key", signature: "+AEh", bytes: 32, seeds: MESSAGING },
  { service: "relay", label: "Azure Relay key", signature: "+ARm", bytes: 32, seeds: MESSAGING },
  {
    service: "iot-hub",
    label: "Azure IoT Hub key",
    signature: "AIoT",
    bytes: 32,
    seeds: [
      [0x496f544875623030n, "hub"],
      [0x4465766963653030n, "device"]
    ]
  },
  { service: "iot-dps", label: "Azure IoT Device Provisioning key", signature: "AIoT", bytes: 32, seeds: [[0x4470734b65793030n, "provisioning"]] },
  { service: "event-grid", label: "Azure Event Grid key", signature: "AZEG", bytes: 32, seeds: [[0x53656e6452656376n, "topic"]] },
  { service: "redis", label: "Azure Cache for Redis key", signature: "AzCa", bytes: 32, seeds: [[0x4163636573733030n, "access"]] },
  {
    service: "api-management",
    label: "Azure API Management key",
    signature: "APIM",
    bytes: 64,
    seeds: [
      [0x54656e616e743030n, "direct management"],
      [0x496f544875623030n, "subscription"],
      [0x4761746577793030n, "gateway"],
      [0x4769744b65793030n, "repository"]
    ]
  },
  { service: "batch", label: "Azure Batch account key", signature: "+ABa", bytes: 64, seeds: [[0x4162416363743030n, "account"]] },
  { service: "machine-learning", label: "Azure ML web service (classic) key", signature: "+AMC", bytes: 64, seeds: [[0x436c617373696330n, "web service"]] },
  {
    service: "functions",
    label: "Azure Functions key",
    signature: "AzFu",
    bytes: 40,
    urlSafe: true,
    seeds: [
      [0x46756e6374693030n, "function"],
      [0x4d61737465723030n, "master"],
      [0x53797374656d3030n, "system"]
    ]
  },
  {
    service: "search",
    label: "Azure AI Search key",
    signature: "AzSe",
    bytes: 39,
    urlSafe: true,
    seeds: [
      [0x5175657279303030n, "query"],
      [0x5041646d696e3030n, "admin"]
    ]
  },
  { service: "container-registry", label: "Azure Container Registry key", signature: "+ACR", bytes: 39, seeds: [[0x41435244666c7430n, "access"]] }
];
function signatureBit(bytes) {
  const spill = (bytes - 7) * 8 % 6;
  return (bytes - 4) * 8 - spill - 24;
}
var signatureIndex = (bytes) => signatureBit(bytes) / 6;
var encodedLength = (bytes) => Math.ceil(bytes / 3) * 4;
function decode(key, urlSafe) {
  const std = urlSafe ? key.replace(/-/g, "+").replace(/_/g, "/") : key;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(std)) return void 0;
  return Buffer.from(std, "base64");
}
function identify(key) {
  for (const p of PROVIDERS) {
    const at = signatureIndex(p.bytes);
    if (key.slice(at, at + 4) !== p.signature) continue;
    const len = key.replace(/=+$/, "").length;
    if (len !== Math.ceil(p.bytes * 8 / 6)) continue;
    const bytes = decode(key, p.urlSafe ?? false);
    if (!bytes || bytes.length !== p.bytes) continue;
    const stored = (bytes[p.bytes - 4] | bytes[p.bytes - 3] << 8 | bytes[p.bytes - 2] << 16 | bytes[p.bytes - 1] << 24) >>> 0;
    for (const [seed, role] of p.seeds) {
      if (marvin32(bytes.subarray(0, p.bytes - 4), seed) === stored) return { provider: p, role };
    }
  }
  return void 0;
}

// src/detect/anchors.ts
var SIG_ANCHOR = "sig";
var KEY_PADDING_ANCHOR = "==";
var JSON_ESCAPED_EQ_ANCHOR = "\\u003";
var SERVICE_BUS_KEY_ANCHOR = "Key=";
var K8S_SECRET_ANCHOR = "Secret";
var EVENT_GRID_ANCHOR = "-sas-";
var IDENTIFIABLE_KEY_ANCHOR = "+A";
var MANIFEST_EXTENSIONS = /* @__PURE__ */ new Set(["yaml", "yml", "json", "tpl"]);
var isManifestPath = (path) => MANIFEST_EXTENSIONS.has(path.slice(path.lastIndexOf(".") + 1).toLowerCase());
var KEY_RUN = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\\") KEY_RUN[c.charCodeAt(0)] = 1;
var SHARED_ACCESS = [..."SharedAccess"].map((c) => c.charCodeAt(0));
var PLUS_A_TAILS = PROVIDERS.filter((p) => p.signature.startsWith("+A")).map((p) => [p.signature.charCodeAt(2), p.signature.charCodeAt(3)]);
var ANCHORS = [
  // sig=, sig%3D, sig\u003d: the name of a SAS signature parameter (token-region.ts isSigAnchor)
  { literal: SIG_ANCHOR, usedBy: "scan-text.ts findSasTokens", confirm: (b, at) => b[at + 3] === 61 || b[at + 3] === 37 || b[at + 3] === 92 },
  // the padding of a 64-byte account key after 86 base64 characters, not "===" (find-keys.ts keyStartAt)
  {
    literal: KEY_PADDING_ANCHOR,
    usedBy: "find-keys.ts findAccountKeys",
    // "===" holds "==" twice; the second (after a "=", not base64) can never confirm: skip it (most hits in code are "===").
    step: 2,
    confirm: (b, at) => {
      if (at < 86 || b[at + 2] === 61) return false;
      let j = at - 1;
      while (j >= at - 86 && KEY_RUN[b[j]] === 1) j--;
      return j < at - 86;
    }
  },
  // "=" written "\u003d" by JSON writers hides the two anchors above (scan-text.ts jsonEscapedKeys)
  { literal: JSON_ESCAPED_EQ_ANCHOR, usedBy: "scan-text.ts jsonEscapedKeys" },
  // SharedAccessKey= of a Service Bus / Event Hubs connection string
  {
    literal: SERVICE_BUS_KEY_ANCHOR,
    usedBy: "find-keys.ts findServiceBusKeys",
    confirm: (b, at) => at >= 12 && SHARED_ACCESS.every((c, k) => b[at - 12 + k] === c)
  },
  // a Kubernetes Secret manifest, whose base64 values are decoded and scanned
  { literal: K8S_SECRET_ANCHOR, usedBy: "kubernetes-secret.ts findBase64Secrets", paths: isManifestPath },
  // aeg-sas-key / aeg-sas-token of an Event Grid topic
  { literal: EVENT_GRID_ANCHOR, usedBy: "event-grid.ts" },
  // the fixed signature of Microsoft's identifiable keys (+ASb, +AEh, +ARm, +ACR…)
  {
    literal: IDENTIFIABLE_KEY_ANCHOR,
    usedBy: "identifiable-key-finder.ts",
    confirm: (b, at) => PLUS_A_TAILS.some(([c2, c3]) => b[at + 2] === c2 && b[at + 3] === c3)
  }
];

// src/detect/prefilter.ts
var ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
function period(literal2) {
  for (let p = 1; p < literal2.length; p++) if (literal2.startsWith(literal2.slice(p))) return p;
  return literal2.length;
}
var NEEDLES = ANCHORS.map((a) => ({ ...a, needle: ascii(a.literal), step: a.step ?? period(a.literal) }));
function mayHoldSecret(bytes, path) {
  for (const a of NEEDLES) {
    if (a.paths && path !== void 0 && !a.paths(path)) continue;
    for (let i = bytes.indexOf(a.needle); i !== -1; i = bytes.indexOf(a.needle, i + a.step)) {
      if (!a.confirm || a.confirm(bytes, i)) return true;
    }
  }
  return false;
}

// src/scan/decode-blob.ts
var BINARY_SNIFF = 8e3;
var formatMB = (bytes) => bytes >= 1048576 || bytes === 0 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
var tooLarge = (size2, maxBytes) => ({
  skipped: `larger than maxFileSizeMB (${formatMB(maxBytes)}): ${formatMB(size2)}`
});
function decodeBlob(buf, maxBytes, path) {
  if (buf.length > maxBytes) return tooLarge(buf.length, maxBytes);
  if (buf.subarray(0, BINARY_SNIFF).includes(0)) return { skipped: "binary file" };
  return { text: mayHoldSecret(buf, path) ? buf.toString("utf8") : "", bytes: buf.length };
}

// src/scan/read-text-file.ts
var SCRATCH_BYTES = 1048576;
var scratch;
function readTextFile(path, maxBytes) {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY);
    const buf = scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    let got = readSync(fd, buf, 0, buf.length, null);
    if (got < buf.length && got <= maxBytes) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) return decodeBlob(buf.subarray(0, got), maxBytes, path);
      got += n;
    }
    return readRest(fd, buf, got, maxBytes, path);
  } catch (error) {
    const e = error;
    return { skipped: `unreadable: ${e.code ?? e.message}` };
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
function readRest(fd, buf, got, maxBytes, path) {
  for (; ; ) {
    if (got > maxBytes) return tooLarge(Math.max(got, fstatSync(fd).size), maxBytes);
    if (got === buf.length) {
      const size2 = fstatSync(fd).size;
      if (size2 > maxBytes) return tooLarge(size2, maxBytes);
      const bigger = Buffer.allocUnsafe(Math.max(size2 + 1, got * 2));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) return decodeBlob(buf.subarray(0, got), maxBytes, path);
    got += n;
  }
}

// src/detect/text.ts
var OPEN = "\uFDD0";
var CLOSE = "\uFDD1";
var MARKERS = /[\uFDD0-\uFDEF]/g;
var withoutMarkers = (value) => value.replace(MARKERS, "\uFFFD");
var code = (value) => value ? `${OPEN}${withoutMarkers(value)}${CLOSE}` : "";
function toText(marked) {
  const parts = [];
  const push = (s) => {
    if (s === "") return;
    const last = parts[parts.length - 1];
    if (typeof last === "string") parts[parts.length - 1] = last + s;
    else parts.push(s);
  };
  let rest = marked;
  for (; ; ) {
    const open = rest.indexOf(OPEN);
    const close = open === -1 ? -1 : rest.indexOf(CLOSE, open + 1);
    if (open === -1 || close === -1) break;
    push(rest.slice(0, open).replace(MARKERS, ""));
    const value = rest.slice(open + 1, close).replace(MARKERS, "");
    if (value) parts.push({ code: value });
    rest = rest.slice(close + 1);
  }
  push(rest.replace(MARKERS, ""));
  return parts;
}
var plainText = (text) => text.map((p) => typeof p === "string" ? p : `\`${p.code}\``).join("");
var literal = (s) => s ? [s] : [];

// src/detect/sas-fields.ts
var PERMISSION_LETTER = /[racwdxyltfmeopiu]/;
var IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
function malformedFields(t) {
  const out = [];
  const bad = [...t.permissions ?? ""].filter((l) => !PERMISSION_LETTER.test(l));
  if (bad.length > 0)
    out.push(
      `sp=${t.permissions} holds ${bad.map((l) => code(l)).join(", ")}, which ${bad.length === 1 ? "is not a permission letter" : "are not permission letters"}`
    );
  const ip = t.ipRange?.split("-");
  if (ip && (ip.length > 2 || ip.some((a) => !IPV4.test(a)))) out.push(`sip=${t.ipRange} is not an IPv4 address or range`);
  return out;
}

// src/detect/sas-time.ts
var ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
function parseSasTime(value) {
  if (!value) return void 0;
  const m = ISO.exec(value.trim());
  if (!m) return void 0;
  const [, y, mo, d, h = "0", mi = "0", s = "0", zone] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 24 || +mi > 59 || +s > 60) return void 0;
  const date = new Date(Date.UTC(2e3, +mo - 1, +d, +h, +mi, +s));
  date.setUTCFullYear(+y);
  let t = date.getTime();
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 6e4;
  }
  return validMs(t);
}
var validMs = (ms) => ms !== void 0 && Number.isFinite(ms) && Math.abs(ms) <= 864e13 ? ms : void 0;
var parseAnyTime = (value) => value === void 0 ? void 0 : parseSasTime(value) ?? validMs(Date.parse(value));
function parseUnixSeconds(value) {
  if (!value || !/^\d{1,12}$/.test(value)) return void 0;
  return Number(value) * 1e3;
}
function formatIso(ms) {
  const valid = validMs(ms);
  return valid === void 0 ? void 0 : new Date(valid).toISOString().replace(/\.\d{3}Z$/, "Z");
}

// src/detect/severity.ts
var rank = (s) => SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
var compareSeverity = (a, b) => rank(a) - rank(b);
var maxSeverity = (a, b) => rank(a) >= rank(b) ? a : b;
var atLeast = (s, threshold) => rank(s) >= rank(threshold);
function lowerSeverity(s, floor = "low") {
  if (rank(s) <= rank(floor)) return s;
  return SEVERITIES[SEVERITIES.indexOf(s) + 1];
}

// src/detect/assess-risk.ts
var DAY = 864e5;
var CLOCK_SKEW = 15 * 6e4;
var READ_LETTERS = /^[rlf]+$/;
var ROOT_RULE = /^RootManage|^DefaultFullSharedAccessSignature$/i;
var OPEN_IP_RANGE = /^0\.0\.0\.0-255\.255\.255\.255$/;
var LATE_START_DAYS = 365 * 10;
var FAR_START_DAYS = 365 * 100;
var DELETE_LETTERS = /[dxy]/;
var WRITE_LETTERS = /[wacupitmeo]/;
var TABLE = {
  "write-account": ["critical", "high", "high"],
  "write-container": ["critical", "high", "medium"],
  "write-object": ["high", "high", "medium"],
  "read-account": ["high", "medium", "low"],
  "read-container": ["medium", "medium", "low"],
  "read-object": ["medium", "low", "low"]
};
function scopeOf(c) {
  const t = c.token;
  if (c.kind === "account-sas") return "account";
  if (c.kind === "servicebus-sas") return t.resourcePath && t.resourcePath.replace(/\/+$/, "") !== "" ? "object" : "container";
  const sr = t.resource;
  if (sr === "b" || sr === "bs" || sr === "bv" || sr === "f") return "object";
  return "container";
}
function windowOf(endMs, startMs, now, policy) {
  if (endMs === void 0) return "none";
  if (endMs < now - CLOCK_SKEW) return "expired";
  const days = (endMs - Math.max(now, startMs ?? now)) / DAY;
  if (days <= policy.shortWindowDays) return "short";
  if (days <= policy.longWindowDays) return "medium";
  return "long";
}
var WINDOW_REASON = {
  expired: "expired",
  short: "short-lived",
  medium: "medium-expiry",
  long: "long-expiry",
  none: "no-expiry"
};
function assessRisk(c, now, policy) {
  if (c.family === "storage-key") {
    return { severity: "critical", baseSeverity: "critical", reasons: ["account-key", "full-control", "no-expiry"], violations: [] };
  }
  if (c.family === "servicebus-key") {
    const root = ROOT_RULE.test(c.token.keyName ?? "");
    const sev = root ? "critical" : "high";
    return {
      severity: sev,
      baseSeverity: sev,
      reasons: root ? ["shared-access-key", "manage-rights", "no-expiry"] : ["shared-access-key", "no-expiry"],
      violations: []
    };
  }
  const t = c.token;
  const reasons = [];
  const scope = scopeOf(c);
  reasons.push(`${scope}-scope`);
  let permissionClass = "write";
  if (c.kind === "servicebus-sas") {
    reasons.push("rights-from-policy");
    if (ROOT_RULE.test(t.keyName ?? "")) reasons.push("manage-rights");
  } else if (!t.permissions) {
    reasons.push("permissions-from-policy");
  } else {
    const sp = t.permissions;
    if (READ_LETTERS.test(sp)) {
      permissionClass = "read";
      reasons.push("read-only");
    } else if (["r", "w", "d", "l"].every((l) => sp.includes(l))) {
      reasons.push("full-permissions");
    } else {
      if (WRITE_LETTERS.test(sp)) reasons.push("write");
      if (DELETE_LETTERS.test(sp)) reasons.push("delete");
    }
  }
  let endMs = parseSasTime(t.expiry);
  let startMs = parseSasTime(t.start);
  if (c.kind === "servicebus-sas") endMs = parseAnyTime(t.expiry);
  const unparsedExpiry = t.expiry !== void 0 && endMs === void 0 ? t.expiry : void 0;
  if (c.kind === "user-delegation-sas") {
    const ske = parseSasTime(t.delegation?.keyExpiry);
    const skt = parseSasTime(t.delegation?.keyStart);
    if (ske !== void 0) endMs = endMs === void 0 ? ske : Math.min(endMs, ske);
    if (skt !== void 0) startMs = startMs === void 0 ? skt : Math.max(startMs, skt);
  }
  const nowMs = now.getTime();
  const window = windowOf(endMs, startMs, nowMs, policy);
  reasons.push(WINDOW_REASON[window]);
  if (c.kind !== "servicebus-sas" && (t.protocol ?? "https,http").includes("http") && t.protocol !== "https") reasons.push("http-allowed");
  if (c.kind === "user-delegation-sas") reasons.push("user-delegation");
  else if (c.kind !== "servicebus-sas") reasons.push(t.storedPolicy ? "stored-policy" : "no-stored-policy");
  const ipRestricts = !!t.ipRange && !OPEN_IP_RANGE.test(t.ipRange);
  if (t.ipRange) reasons.push(ipRestricts ? "ip-restricted" : "ip-range-open");
  if (c.kind !== "servicebus-sas" && malformedFields(t).length > 0) reasons.push("malformed-field");
  const notYet = startMs !== void 0 && startMs - now.getTime() > LATE_START_DAYS * DAY;
  if (notYet && window !== "expired") reasons.push("not-yet-valid");
  if (c.confidence === "low") reasons.push("unusual-signature");
  const column = window === "medium" ? 1 : window === "short" ? 2 : 0;
  let severity = TABLE[`${permissionClass}-${scope}`][column];
  if (window === "expired") severity = "info";
  else {
    if (t.storedPolicy) severity = lowerSeverity(severity);
    if (ipRestricts) severity = lowerSeverity(severity);
    if (notYet) severity = startMs - now.getTime() > FAR_START_DAYS * DAY ? "info" : "low";
  }
  const baseSeverity = severity;
  const violations = policyViolations(c, endMs, startMs, nowMs, policy);
  if (violations.length > 0) {
    reasons.push("policy-violation");
    if (window !== "expired") severity = maxSeverity(severity, policy.violationSeverity);
  }
  return {
    severity,
    baseSeverity,
    reasons,
    violations,
    scope,
    permissionClass,
    window,
    endMs,
    startMs,
    ...unparsedExpiry === void 0 ? {} : { unparsedExpiry }
  };
}
function policyViolations(c, endMs, startMs, now, policy) {
  if (c.kind === "servicebus-sas")
    return policy.maxLifetimeDays !== void 0 && endMs !== void 0 && (endMs - (startMs ?? now)) / DAY > policy.maxLifetimeDays ? ["maxLifetimeDays"] : [];
  const t = c.token;
  const out = [];
  if (policy.maxLifetimeDays !== void 0 && endMs !== void 0 && (endMs - (startMs ?? now)) / DAY > policy.maxLifetimeDays) out.push("maxLifetimeDays");
  if (policy.forbidAccountSas && c.kind === "account-sas") out.push("forbidAccountSas");
  if (policy.requireHttpsOnly && t.protocol !== "https") out.push("requireHttpsOnly");
  if (policy.requireStoredPolicy && c.kind !== "user-delegation-sas" && !t.storedPolicy) out.push("requireStoredPolicy");
  if (policy.requireIpRange && !t.ipRange) out.push("requireIpRange");
  return out;
}

// src/detect/decode.ts
var JSON_ESCAPE = /\\+u00(26|3[dDfF]|2[fFbB5])|\\+\//g;
var HTML_ENTITY = /&(?:amp;)+|&#(?:38|x26|61|x3[dD]|43|x2[bB]|47|x2[fF]|63|x3[fF]);/g;
var JSON_CHARS = { "26": "&", "3d": "=", "3f": "?", "2f": "/", "2b": "+", "25": "%" };
var HTML_CHARS = {
  "38": "&",
  x26: "&",
  "61": "=",
  x3d: "=",
  "43": "+",
  x2b: "+",
  "47": "/",
  x2f: "/",
  "63": "?",
  x3f: "?"
};
function unescapeJson(s) {
  if (s.indexOf("\\") === -1) return s;
  return s.replace(JSON_ESCAPE, (m, hex) => hex ? JSON_CHARS[hex.toLowerCase()] : "/");
}
function unescapeHtml(s) {
  if (s.indexOf("&") === -1) return s;
  return s.replace(HTML_ENTITY, (m) => m.startsWith("&#") ? HTML_CHARS[m.slice(2, -1).toLowerCase()] ?? m : "&");
}
var HEX = /^[0-9a-fA-F]{2}$/;
function percentDecode(s) {
  if (s.indexOf("%") === -1) return { text: s, invalid: false };
  let invalid = false;
  let out = "";
  let last = 0;
  for (let i = s.indexOf("%"); i !== -1; i = s.indexOf("%", i + 1)) {
    const hex = s.slice(i + 1, i + 3);
    if (!HEX.test(hex)) {
      invalid = true;
      continue;
    }
    out += s.slice(last, i) + String.fromCharCode(parseInt(hex, 16));
    last = i + 3;
    i += 2;
  }
  out += s.slice(last);
  return { text: out, invalid };
}
var ENCODED_STRUCTURE = /sig%(?:25)*3[dD]/;
function decodeRegion(raw) {
  let text = unescapeHtml(unescapeJson(raw));
  let layers = 0;
  while (layers < 4 && ENCODED_STRUCTURE.test(text)) {
    text = unescapeHtml(unescapeJson(percentDecode(text).text));
    layers++;
  }
  return { text, layers };
}

// src/detect/explain.ts
var SERVICE_NAMES = { b: "Blob", f: "File", q: "Queue", t: "Table" };
var LETTERS = {
  r: "read",
  a: "add",
  c: "create",
  w: "write",
  d: "delete",
  x: "delete versions",
  y: "permanently delete",
  l: "list",
  t: "read and write tags",
  f: "filter by tags",
  m: "move",
  e: "execute",
  o: "change ownership",
  p: "process messages or set ACLs",
  i: "set immutability policies",
  u: "update"
};
var day = (iso) => iso ? iso.slice(0, 10) : "an unknown date";
function accountPhrase(t, serviceBus = false) {
  if (serviceBus) return t.account ? `namespace ${code(t.account)}` : "the namespace";
  return t.account ? `storage account ${code(t.account)}` : "the storage account";
}
function servicesPhrase(ss) {
  const names = [...ss ?? ""].map((l) => SERVICE_NAMES[l]).filter(Boolean);
  if (names.length === 0) return "the services it names";
  if (names.length === 1) return `${names[0]} storage`;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} storage`;
}
var RESOURCE_NOUNS = { b: "container", f: "share", q: "queue", t: "table" };
function accountResources(ss) {
  const nouns = [...ss ?? ""].map((l) => RESOURCE_NOUNS[l]).filter(Boolean);
  if (nouns.length === 0) return "every resource";
  if (nouns.length === 1) return `every ${nouns[0]}`;
  return `every ${nouns.slice(0, -1).join(", ")} and ${nouns[nouns.length - 1]}`;
}
function scopePhrase(c, a) {
  const t = c.token;
  const acct = accountPhrase(t, c.kind === "servicebus-sas");
  const path = t.resourcePath?.replace(/^\//, "");
  if (c.kind === "servicebus-sas") return a.scope === "object" ? `entity ${code(path)} in ${acct}` : `every queue, topic and event hub in ${acct}`;
  if (a.scope === "account") return `${accountResources(t.services)} in ${servicesPhrase(t.services)} of ${acct}`;
  if (t.tableName) return `table ${code(t.tableName)} in ${acct}`;
  const sr = t.resource;
  if (sr === "c") return `container ${code(path?.split("/")[0]) || "(named in the URL)"} in ${acct}`;
  if (sr === "s") return `file share ${code(path?.split("/")[0]) || "(named in the URL)"} in ${acct}`;
  if (sr === "d") return `directory ${code(path) || "(named in the URL)"} in ${acct}`;
  if (sr === "b" || sr === "bs" || sr === "bv" || sr === "f")
    return `${sr === "f" ? "file" : sr === "bs" ? "blob snapshot" : sr === "bv" ? "blob version" : "blob"} ${code(path) || "(named in the URL)"} in ${acct}`;
  return `queue ${code(path) || "(named in the URL)"} in ${acct}`;
}
function allLetters(sp) {
  const words = [...new Set([...sp ?? ""].map((l) => LETTERS[l]).filter(Boolean))];
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}` : words[0] ?? "";
}
function permissionPhrase(sp) {
  if (!sp) return "whatever its stored access policy grants";
  if (["r", "w", "d", "l"].every((l) => sp.includes(l))) return "full control";
  const words = [...new Set([...sp].map((l) => LETTERS[l]).filter(Boolean))];
  if (words.length === 0) return `permissions ${code(sp)}`;
  return words.length === 1 ? `${words[0]} access` : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]} access`;
}
var KIND_LABEL = {
  "account-sas": "account SAS",
  "service-sas": "service SAS",
  "user-delegation-sas": "user delegation SAS",
  "servicebus-sas": "Service Bus SAS",
  "storage-account-key": "storage account key",
  "connection-string": "connection string",
  "iot-sas": "IoT Hub SAS",
  "iot-connection-string": "IoT Hub connection string",
  "event-grid-key": "Event Grid access key",
  "event-grid-sas": "Event Grid SAS",
  "cosmos-db-key": "Cosmos DB key",
  "identifiable-key": "Azure identifiable key"
};
var kindLabel = (k) => KIND_LABEL[k];
var MESSAGING_NAMES = {
  "service-bus": "Service Bus",
  "event-hubs": "Event Hubs",
  relay: "Relay",
  "notification-hubs": "Notification Hubs"
};
var messagingName = (t) => MESSAGING_NAMES[t.azureService ?? "service-bus"] ?? "Service Bus";
function summarize(c, a) {
  const t = c.token;
  if (c.family === "storage-key") return `${KIND_LABEL[c.kind]} with full control of ${accountPhrase(t)}, no expiry`;
  if (c.family === "servicebus-key")
    return `${messagingName(t)} connection string${t.keyName ? ` for rule ${code(t.keyName)}` : ""} on ${accountPhrase(t, true)}, no expiry`;
  const what = c.kind === "servicebus-sas" ? `rights of rule ${code(t.keyName) || "(unknown)"}` : permissionPhrase(t.permissions);
  const none = a.unparsedExpiry === void 0 ? ", expiry set by its stored access policy" : ", expiry unknown";
  const when = a.window === "expired" ? `, expired ${day(endIso(a))}` : a.window === "none" ? none : ` until ${day(endIso(a))}`;
  return `${KIND_LABEL[c.kind]} with ${what} of ${scopePhrase(c, a)}${when}`;
}
var endIso = (a) => formatIso(a.endMs);
var unparsed = (v) => code(v.length > 40 ? `${v.slice(0, 40)}\u2026` : v);
function duration(ms) {
  const days = Math.round(ms / 864e5);
  if (days >= 730) return `${Math.round(days / 365)} years`;
  if (days >= 60) return `${Math.round(days / 30)} months`;
  if (days >= 2) return `${days} days`;
  const hours = Math.max(1, Math.round(ms / 36e5));
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}
function reasonMessage(id, c, a, now, policy) {
  const t = c.token;
  const left = a.endMs === void 0 ? "" : duration(a.endMs - Math.max(now.getTime(), a.startMs ?? 0));
  switch (id) {
    case "account-scope":
      return `This is an account SAS: it opens ${scopePhrase(c, a)}${t.resourceTypes?.includes("s") ? ", including listing them all" : ""}.`;
    case "container-scope":
      return `It reaches ${scopePhrase(c, a)}, not just one object.`;
    case "object-scope":
      return `It is limited to ${scopePhrase(c, a)}.`;
    case "read-only":
      return `It can only ${permissionPhrase(t.permissions).replace(/ access$/, "")}: it cannot change or delete data.`;
    case "write":
      return `It can change data (${permissionPhrase(t.permissions)}).`;
    case "delete":
      return "It can delete data.";
    case "full-permissions":
      return `It grants ${permissionPhrase(t.permissions) === "full control" ? allLetters(t.permissions) : "read, write, delete and list"} (sp=${t.permissions}): anyone holding it can read, change or destroy the data.`;
    case "permissions-from-policy":
      return "Its permissions come from a stored access policy that cannot be seen here, so SAS Guard assumes the worst.";
    case "rights-from-policy":
      return `Its rights come from the authorization rule ${code(t.keyName) || "it names"}, which cannot be seen here, so SAS Guard assumes it can send, listen or manage.`;
    case "long-expiry":
      return `It stays valid until ${day(endIso(a))}, about ${left} from now.`;
    case "medium-expiry":
      return `It stays valid until ${day(endIso(a))}, about ${left} from now (more than ${policy.shortWindowDays} days).`;
    case "short-lived":
      return `It is short-lived: it expires ${day(endIso(a))}, within ${policy.shortWindowDays} days.`;
    case "no-expiry":
      if (c.family === "storage-key") return "An account key never expires; it works until someone rotates it.";
      if (c.family === "servicebus-key") return "A rule key never expires; it works until someone regenerates it.";
      if (a.unparsedExpiry !== void 0)
        return `Its expiry ${unparsed(a.unparsedExpiry)} is not a valid time, so SAS Guard cannot tell when it stops working and assumes it does not.`;
      return "The token has no expiry of its own; the stored access policy sets it.";
    case "expired":
      return `It expired on ${day(endIso(a))} and no longer works, but it still shows the account and resource names and that SAS tokens are handed out ad hoc.`;
    case "http-allowed":
      return "It allows plain HTTP (spr is missing or https,http), so it can travel unencrypted.";
    case "stored-policy":
      return `It is bound to the stored access policy ${code(t.storedPolicy)}: deleting that policy revokes it without rotating the account key.`;
    case "no-stored-policy":
      return "It is not bound to a stored access policy: the only way to revoke it is to rotate the account key that signed it.";
    case "user-delegation":
      return `It is signed with a user delegation key from Microsoft Entra ID${t.delegation?.keyExpiry ? ` that expires ${day(t.delegation.keyExpiry)}` : ""}, so it dies with that key.`;
    case "ip-restricted":
      return `It only works from IP range ${code(t.ipRange)}.`;
    case "manage-rights":
      if (/^DefaultFullSharedAccessSignature$/i.test(t.keyName ?? ""))
        return `Rule ${code(t.keyName)} is the notification hub's full-access rule: it can manage registrations and send to every device.`;
      return `Rule ${code(t.keyName)} is the namespace's root rule: it can manage, send and listen on every entity in the namespace.`;
    case "account-key":
      return `This is a storage account key for ${accountPhrase(t)}: it can sign any SAS and call every data-plane API.`;
    case "full-control":
      return "It gives full control of every container, share, queue and table in the account.";
    case "shared-access-key":
      return `This is a ${t.azureService ? messagingName(t) : "Service Bus / Event Hubs"} rule key${t.keyName ? ` for rule ${code(t.keyName)}` : ""}: it can mint tokens for everything that rule allows.`;
    case "malformed-field":
      return `Some of its fields are not valid, so the service may refuse it or read them differently: ${malformedFields(t).join("; ")}.`;
    case "ip-range-open":
      return `Its IP range ${code(t.ipRange)} covers every IPv4 address, so it restricts nothing.`;
    case "not-yet-valid":
      return `It only becomes valid on ${day(t.start)} (st), so it cannot be used before then.`;
    case "device-identity":
    case "checksum-valid":
      return "See the detector's explanation.";
    case "unusual-signature":
      return "The signature does not decode to the 32 bytes a real SAS signature has; it may be truncated or fake, but it is reported because it cannot be ruled out.";
    case "policy-violation":
      return "It breaks this repository's SAS policy (see the violations listed).";
    case "public-repository":
      return "The repository is public: anyone on the internet could read this token.";
    case "verified-live":
    case "verified-expired":
    case "verified-revoked":
    case "verified-account-not-found":
      return "Set by verification from what the storage service answered.";
  }
}
function withoutMarkersIn(c) {
  const clean = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? withoutMarkers(v) : v && typeof v === "object" ? clean(v) : v]));
  return { ...c, token: clean(c.token) };
}
function explainReasons(c, a, now, policy) {
  const safe = withoutMarkersIn(c);
  return a.reasons.map((id) => {
    const text = toText(reasonMessage(id, safe, a, now, policy));
    return { id, message: plainText(text), text };
  });
}
function explainSummary(c, a) {
  const summaryText2 = toText(summarize(withoutMarkersIn(c), a));
  return { summary: plainText(summaryText2), summaryText: summaryText2 };
}
function violationMessages(rules, policy) {
  const text = {
    maxLifetimeDays: `Its lifetime is longer than the ${policy.maxLifetimeDays} days policy.maxLifetimeDays allows.`,
    forbidAccountSas: "Account SAS tokens are forbidden by policy.forbidAccountSas.",
    requireHttpsOnly: "policy.requireHttpsOnly requires spr=https.",
    requireStoredPolicy: "policy.requireStoredPolicy requires service SAS tokens to be bound to a stored access policy (si=).",
    requireIpRange: "policy.requireIpRange requires an IP range (sip=)."
  };
  return rules.map((rule) => ({ rule, message: text[rule] }));
}

// src/detect/family-risk.ts
function keyRisk(severity, reasons) {
  return { severity, baseSeverity: severity, reasons, violations: [] };
}
var DAY2 = 864e5;
function tokenRisk(c, now, policy, input) {
  const { scope, permissionClass, endMs } = input;
  const window = windowOf(endMs, void 0, now.getTime(), policy);
  const reasons = [`${scope}-scope`, ...input.reasons, WINDOW_REASON[window]];
  if (c.confidence === "low") reasons.push("unusual-signature");
  const column = window === "medium" ? 1 : window === "short" ? 2 : 0;
  let severity = window === "expired" ? "info" : TABLE[`${permissionClass}-${scope}`][column];
  const baseSeverity = severity;
  const violations = policy.maxLifetimeDays !== void 0 && endMs !== void 0 && (endMs - now.getTime()) / DAY2 > policy.maxLifetimeDays ? ["maxLifetimeDays"] : [];
  if (violations.length > 0) {
    reasons.push("policy-violation");
    if (window !== "expired") severity = maxSeverity(severity, policy.violationSeverity);
  }
  return { severity, baseSeverity, reasons, violations, scope, permissionClass, window, endMs };
}
var REMOVE_STEP = "Remove it from the code and the configuration, and treat it as public: deleting the line or rewriting history does not revoke it, and copies may already exist in forks, clones and caches.";
var EXPIRED_STEPS = (what) => [
  `It has expired, so nothing needs revoking, but check that the same ${what} does not sign other long-lived tokens.`,
  "Remove it from the code: it still reveals the resource names."
];

// src/detect/iot-hub.ts
var IOT_HOST = /\b([a-z0-9][a-z0-9-]{1,62})\.azure-devices(-provisioning)?\.(?:net|cn|us|de)\b/i;
var DPS_SCOPE = /^0ne[0-9a-f]{8}\/registrations\//i;
var isIotResource = (sr) => !!sr && (IOT_HOST.test(sr) || DPS_SCOPE.test(sr));
var POLICY_RIGHTS = {
  iothubowner: { class: "write", manage: true, words: "full control of the hub (registry read and write, service connect, device connect)" },
  provisioningserviceowner: { class: "write", manage: true, words: "full control of the provisioning service (enrollments and registrations)" },
  service: { class: "write", manage: false, words: "service connect: send cloud-to-device messages, call direct methods, update device twins" },
  device: { class: "write", manage: false, words: "device connect: send telemetry and receive messages as any device of the hub" },
  registryread: { class: "read", manage: false, words: "read of the device identity registry" },
  registryreadwrite: { class: "write", manage: false, words: "read and write of the device identity registry (create, change and delete devices)" },
  enrollmentread: { class: "read", manage: false, words: "read of the enrollments" },
  enrollmentwrite: { class: "write", manage: false, words: "read and write of the enrollments" },
  registrationstatusread: { class: "read", manage: false, words: "read of the registration records" },
  registrationstatuswrite: { class: "write", manage: false, words: "read and write of the registration records" }
};
var rightsOf = (keyName) => keyName ? POLICY_RIGHTS[keyName.toLowerCase()] : void 0;
function hostFields(text) {
  const m = IOT_HOST.exec(text);
  if (!m) return DPS_SCOPE.test(text) ? { azureService: "iot-dps" } : { azureService: "iot-hub" };
  return { account: m[1].toLowerCase(), host: m[0].toLowerCase(), azureService: m[2] ? "iot-dps" : "iot-hub" };
}
function pathIds(path) {
  const dev = /\/(?:devices|registrations)\/([^/?#]+)/i.exec(path)?.[1];
  const mod = /\/modules\/([^/?#]+)/i.exec(path)?.[1];
  return { ...dev ? { deviceId: percentDecode(dev).text } : {}, ...mod ? { moduleId: percentDecode(mod).text } : {} };
}
function buildIotSas(v, sig, confidence, redacted) {
  const sr = v("sr") ?? "";
  const host = hostFields(sr);
  const path = sr.replace(/^[a-z]+:\/\//i, "").replace(/^[^/]*/, "");
  const token = {
    ...host,
    resourceUri: sr,
    ...path && path !== "/" ? { resourcePath: path } : {},
    ...pathIds(path),
    ...v("se") ? { expiry: formatIso(parseUnixSeconds(v("se"))) ?? v("se") } : {},
    ...v("skn") ? { keyName: v("skn") } : {}
  };
  return { kind: "iot-sas", token, secret: sig, family: "iot-sas", redacted, confidence };
}
function iotConnectionString(lineText, key) {
  const m = IOT_HOST.exec(lineText);
  if (!m || !/HostName\s*=/i.test(lineText)) return null;
  const field = (name) => new RegExp(`${name}\\s*=\\s*([^;"'\\s]+)`, "i").exec(lineText)?.[1];
  const keyName = field("SharedAccessKeyName");
  const deviceId = field("DeviceId");
  const moduleId = field("ModuleId");
  const token = {
    ...hostFields(m[0]),
    ...keyName ? { keyName } : {},
    ...deviceId ? { deviceId } : {},
    ...moduleId ? { moduleId } : {}
  };
  const parts = [`HostName=${token.host}`, keyName && `SharedAccessKeyName=${keyName}`, deviceId && `DeviceId=${deviceId}`, moduleId && `ModuleId=${moduleId}`];
  const redacted = `${parts.filter(Boolean).join(";")};SharedAccessKey=<redacted>`;
  return { kind: "iot-connection-string", token, secret: key, family: "iot-key", redacted, confidence: "high" };
}
var ENROLLMENT_CONTEXT = /azure-devices-provisioning\.net|\bid_?scope\b|symmetric_?key/i;
function dpsEnrollmentKey(key, around) {
  if (!ENROLLMENT_CONTEXT.test(around)) return null;
  const registration = /registration_?id["']?\s*[:=]\s*["']?([A-Za-z0-9._:-]{1,128})/i.exec(around)?.[1];
  const host = IOT_HOST.exec(around);
  const token = {
    azureService: "iot-dps",
    ...host && host[1].toLowerCase() !== "global" ? { account: host[1].toLowerCase(), host: host[0].toLowerCase() } : {},
    ...registration ? { deviceId: registration } : {}
  };
  return { kind: "iot-connection-string", token, secret: key, family: "iot-key", redacted: "<redacted DPS enrollment symmetric key>", confidence: "high" };
}
var isEnrollment = (t) => t.azureService === "iot-dps" && !t.keyName;
var serviceName = (t) => t.azureService === "iot-dps" ? "Device Provisioning Service" : "IoT hub";
var where = (t) => t.account ? `${serviceName(t)} ${code(t.account)}` : `the ${serviceName(t)}`;
var identity = (t) => t.moduleId ? `module ${code(t.moduleId)} of device ${code(t.deviceId)}` : t.deviceId ? `device ${code(t.deviceId)}` : "a device";
function sasRights(t) {
  const r = rightsOf(t.keyName);
  if (r) return { class: r.class, reasons: r.manage ? ["manage-rights"] : r.class === "read" ? ["read-only"] : ["write"] };
  if (!t.keyName && t.deviceId) return { class: "write", reasons: ["device-identity"] };
  return { class: "write", reasons: ["rights-from-policy"] };
}
var IOT_SAS_RULES = {
  assess(c, now, policy) {
    const t = c.token;
    const { class: permissionClass, reasons } = sasRights(t);
    return tokenRisk(c, now, policy, {
      scope: t.deviceId ? "object" : "container",
      permissionClass,
      endMs: t.expiry ? Date.parse(t.expiry) : void 0,
      reasons
    });
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "container-scope":
        return `It is signed for the whole ${where(t)}, not one device.`;
      case "object-scope":
        return `It is limited to ${identity(t)} on ${where(t)}.`;
      case "manage-rights":
      case "read-only":
      case "write":
        return `It carries the rights of policy ${code(t.keyName)}: ${rightsOf(t.keyName)?.words ?? "what that policy allows"}.`;
      case "rights-from-policy":
        return `Its rights come from the shared access policy ${code(t.keyName) || "it was signed with"}, which cannot be seen here, so SAS Guard assumes it can write.`;
      case "device-identity":
        return `It has no policy name (skn), so it is signed with the key of ${identity(t)}: anyone holding it can connect as that device.`;
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary(c, a) {
    const t = c.token;
    const who = t.keyName ? `rights of policy ${code(t.keyName)}` : t.deviceId ? `the identity of ${identity(t)}` : "unknown rights";
    const when = a.window === "expired" ? `, expired ${day(endIso(a))}` : a.window === "none" ? ", no expiry" : ` until ${day(endIso(a))}`;
    return `${serviceName(t)} SAS with ${who} on ${where(t)}${when}`;
  },
  remediation(c, a) {
    const t = c.token;
    if (a.window === "expired") return [...EXPIRED_STEPS("key"), "Mint tokens at run time with a short expiry (an hour or so)."];
    const revoke = t.keyName ? `Revoke it: regenerate the keys of shared access policy ${code(t.keyName)} on ${where(t)} (az iot hub policy renew-key), after moving clients to the other key; every token it signed stops working.` : `Revoke it: regenerate the symmetric keys of ${identity(t)} on ${where(t)} (az iot hub device-identity renew-key), or disable the device.`;
    return [
      revoke,
      REMOVE_STEP,
      "Prevent it: mint tokens at run time from a least-privilege policy (or the device's own key) with an expiry of an hour or so; prefer X.509 or Microsoft Entra ID for services."
    ];
  }
};
var IOT_KEY_RULES = {
  assess(c) {
    const t = c.token;
    if (isEnrollment(t)) return keyRisk("high", ["shared-access-key", "write", "no-expiry"]);
    if (t.deviceId) return keyRisk("high", ["shared-access-key", "device-identity", "no-expiry"]);
    const r = rightsOf(t.keyName);
    if (r?.manage) return keyRisk("critical", ["shared-access-key", "manage-rights", "no-expiry"]);
    if (r?.class === "read") return keyRisk("medium", ["shared-access-key", "read-only", "no-expiry"]);
    return keyRisk("high", r ? ["shared-access-key", "write", "no-expiry"] : ["shared-access-key", "rights-from-policy", "no-expiry"]);
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "shared-access-key":
        if (isEnrollment(t)) return `This is an enrollment symmetric key of ${where(t)}${t.deviceId ? ` (registration ${code(t.deviceId)})` : ""}.`;
        return t.deviceId ? `This is the symmetric key of ${identity(t)} on ${where(t)}.` : `This is the key of shared access policy ${code(t.keyName) || "(unnamed)"} on ${where(t)}: it can mint tokens for everything that policy allows.`;
      case "manage-rights":
      case "read-only":
      case "write":
        if (isEnrollment(t))
          return "Whoever holds it can provision devices into the hubs the enrollment points to (a group key derives the key of any registration id).";
        return `Policy ${code(t.keyName)} grants ${rightsOf(t.keyName)?.words ?? "what that policy allows"}.`;
      case "rights-from-policy":
        return `Policy ${code(t.keyName) || "(unnamed)"} is not a built-in one, so SAS Guard cannot see its rights and assumes it can write.`;
      case "device-identity":
        return `Anyone holding it can connect as ${identity(t)}: send telemetry, receive its cloud-to-device messages and update its twin.`;
      case "no-expiry":
        return "A shared access key never expires; it works until someone regenerates it.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary(c) {
    const t = c.token;
    if (isEnrollment(t)) return `Device Provisioning enrollment key${t.deviceId ? ` for registration ${code(t.deviceId)}` : ""} on ${where(t)}, no expiry`;
    const what = t.deviceId ? `for ${identity(t)}` : `for policy ${code(t.keyName) || "(unnamed)"}`;
    return `${serviceName(t)} connection string ${what} on ${where(t)}, no expiry`;
  },
  remediation(c) {
    const t = c.token;
    const revoke = isEnrollment(t) ? `Revoke it: regenerate the enrollment's symmetric keys on ${where(t)} (az iot dps enrollment update / enrollment-group update with new keys), and re-provision the devices that used it.` : t.deviceId ? `Revoke it: regenerate the symmetric keys of ${identity(t)} on ${where(t)} (az iot hub ${t.moduleId ? "module-identity" : "device-identity"} renew-key), after moving the device to the other key.` : `Revoke it: regenerate the key of shared access policy ${code(t.keyName)} on ${where(t)} (az iot ${t.azureService === "iot-dps" ? "dps policy" : "hub policy"} renew-key), after moving clients to the other key.`;
    return [
      revoke,
      REMOVE_STEP,
      "Prevent it: keep keys in Key Vault or the device's secure storage, prefer X.509 certificates for devices and Microsoft Entra ID for services, and use the least-privilege policy."
    ];
  }
};

// src/detect/placeholder.ts
var WORDS = /redact|sanitiz|signature|placeholder|example|xxxx|your|changeme|dummy|insert|replace|secret|\*\*/i;
function isPlaceholder(value, expectedBytes) {
  const alnum = value.replace(/[^A-Za-z0-9]/g, "");
  if (alnum.length === 0) return true;
  if (/^(.)\1*$/.test(alnum)) return true;
  if (hasAlphabetRun(alnum)) return true;
  const realShape = expectedBytes !== void 0 && base64Length(value) === expectedBytes && looksRandom(value);
  return !realShape && WORDS.test(value);
}
var BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
function base64Length(value) {
  if (!BASE64.test(value) || value.length % 4 !== 0) return -1;
  const pad = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  return value.length / 4 * 3 - pad;
}
function looksRandom(value) {
  const needed = Math.min(12, value.length / 3);
  const seen = new Uint8Array(128);
  let lower = 0;
  let upper = 0;
  let other = 0;
  let distinct = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return looksRandomSlow(value);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57 || c === 43 || c === 47) other = 1;
    if (seen[c] === 0) {
      seen[c] = 1;
      distinct++;
    }
    if (distinct >= needed && lower + upper + other >= 2) return true;
  }
  return lower + upper + other >= 2 && distinct >= needed;
}
function looksRandomSlow(value) {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9+/]/].filter((r) => r.test(value)).length;
  return classes >= 2 && new Set(value).size >= Math.min(12, value.length / 3);
}
function hasAlphabetRun(value) {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}
var readsAsWords = (value) => /^[A-Z][a-z]{3,}[A-Z][a-z]/.test(value);

// src/detect/storage-host.ts
var SUFFIX = String.raw`core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net|cloudapi\.de)`;
var STORAGE_HOST = new RegExp(String.raw`\b([a-z0-9]{3,24})(?:-secondary)?\.(blob|file|queue|table|dfs|z\d{1,2}\.web)\.${SUFFIX}\b`, "i");
var SERVICEBUS_HOST = /\b([a-z][a-z0-9-]{4,49})\.(?:servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)|eventhub\.windows\.net)\b/i;
var EMULATOR = /^(?:127\.0\.0\.1|localhost|\[::1\]|[a-z0-9-]*azurite[a-z0-9-]*)(?::\d+)?$/i;
function parseUrl(url) {
  const m = /^[a-z]+:\/\/([^/?#\s]+)([^?#\s]*)/i.exec(url);
  if (!m) return null;
  const host = m[1].toLowerCase();
  const path = m[2] || void 0;
  const storage = STORAGE_HOST.exec(host);
  const emulatorPath = path?.startsWith("/devstoreaccount1") ?? false;
  if (storage && storage[0].length === host.length) {
    const svc = storage[2].toLowerCase();
    return { host, account: storage[1].toLowerCase(), service: svc.endsWith(".web") ? "web" : svc, path, emulator: false };
  }
  const sb = SERVICEBUS_HOST.exec(host);
  if (sb) return { host, account: sb[1].toLowerCase(), path, emulator: false };
  if (EMULATOR.test(host) || emulatorPath) {
    return { host, account: emulatorPath ? "devstoreaccount1" : void 0, path, emulator: true };
  }
  return { host, path, emulator: false };
}
function findStorageHost(text) {
  const m = STORAGE_HOST.exec(text);
  if (!m) return null;
  const svc = m[2].toLowerCase();
  return { host: m[0].toLowerCase(), account: m[1].toLowerCase(), service: svc.endsWith(".web") ? "web" : svc, emulator: false };
}
function findServiceBusHost(text) {
  const m = SERVICEBUS_HOST.exec(text);
  return m ? { host: m[0].toLowerCase(), account: m[1].toLowerCase(), emulator: false } : null;
}

// src/detect/build-sas.ts
var MIN_SIG_LENGTH = 20;
function buildSas(candidate, context) {
  const p = new Map(candidate.params.map((x) => [x.name, x]));
  const v = (name) => p.get(name)?.value || void 0;
  const sigParam = p.get("sig");
  let sig = sigParam.value.replace(/ /g, "+");
  for (let n = 0; n < 2 && /%[0-9A-Fa-f]{2}/.test(sig); n++) sig = percentDecode(sig).text;
  if (sigParam.invalidEscape || sig.length < MIN_SIG_LENGTH || isPlaceholder(sig, 32)) return null;
  if (!/^[A-Za-z0-9+/=]+$/.test(sig)) return null;
  const isServiceBus = p.has("skn") || /^(?:sb|https?|amqps?):\/\/|servicebus|eventhub|\.windows\.net/i.test(v("sr") ?? "");
  if (!isServiceBus && !(p.has("sv") || p.has("se") || p.has("si"))) return null;
  if (isServiceBus && !p.has("se")) return null;
  const bytes = base64Length(sig);
  const confidence = bytes === 32 && looksRandom(sig) ? "high" : "low";
  if (bytes !== 32 && readsAsWords(sig)) return null;
  if (isIotResource(v("sr"))) return p.has("se") ? buildIotSas(v, sig, confidence, redactSas(candidate, true)) : null;
  const host = (candidate.url ? parseUrl(candidate.url) : null) ?? null;
  if (host?.emulator) return null;
  const input = { has: (n) => p.has(n), v, sig, urlHost: host, context, confidence, candidate };
  return isServiceBus ? buildServiceBus(input) : buildStorage(input);
}
function buildStorage({ has: has2, v, sig, urlHost, context, confidence, candidate }) {
  const host = urlHost?.account ? urlHost : urlHost ?? findStorageHost(context);
  if (host?.emulator || host?.account === "devstoreaccount1") return null;
  const kind = has2("skoid") || has2("sktid") ? "user-delegation-sas" : has2("ss") || has2("srt") ? "account-sas" : "service-sas";
  const iso = (n) => formatIso(parseSasTime(v(n)));
  const token = {
    account: host?.account,
    host: host?.host,
    resourcePath: urlHost?.path && urlHost.path !== "/" ? urlHost.path : void 0,
    service: host?.service,
    resource: v("sr"),
    services: v("ss"),
    resourceTypes: v("srt"),
    permissions: v("sp"),
    start: iso("st") ?? v("st"),
    expiry: iso("se") ?? v("se"),
    protocol: v("spr") ?? "https,http",
    ipRange: v("sip"),
    storedPolicy: v("si"),
    version: v("sv"),
    encryptionScope: v("ses"),
    tableName: v("tn"),
    directoryDepth: v("sdd")
  };
  if (kind === "user-delegation-sas") {
    token.delegation = {
      objectId: v("skoid"),
      tenantId: v("sktid"),
      keyStart: iso("skt") ?? v("skt"),
      keyExpiry: iso("ske") ?? v("ske"),
      keyService: v("sks"),
      keyVersion: v("skv")
    };
  }
  if (!token.service && token.tableName) token.service = "table";
  return { kind, token: prune(token), secret: sig, family: "storage-sas", redacted: redactSas(candidate), confidence };
}
function buildServiceBus({ v, sig, urlHost, context, confidence, candidate }) {
  const resourceUri = v("sr");
  const host = (resourceUri ? parseUrl(resourceUri.includes("://") ? resourceUri : `sb://${resourceUri}`) : null) ?? urlHost ?? findServiceBusHost(context);
  const token = {
    account: host?.account,
    host: host?.host,
    resourceUri,
    resourcePath: host?.path && host.path !== "/" ? host.path : void 0,
    expiry: formatIso(parseUnixSeconds(v("se"))) ?? v("se"),
    keyName: v("skn")
  };
  return { kind: "servicebus-sas", token: prune(token), secret: sig, family: "servicebus-sas", redacted: redactSas(candidate, true), confidence };
}
function prune(o) {
  for (const k of Object.keys(o)) if (o[k] === void 0) delete o[k];
  return o;
}
function redactSas(candidate, serviceBus = false) {
  const query = candidate.params.map((x) => `${x.name}=${x.name === "sig" ? "<redacted>" : x.value}`).join("&");
  if (serviceBus) return `SharedAccessSignature ${query}`;
  return candidate.url && candidate.urlIsToken ? `${candidate.url}?${query}` : query;
}

// src/detect/event-grid.ts
var TOPIC_HOST = /\b([a-z0-9][a-z0-9-]{2,49})\.([a-z0-9-]+)\.eventgrid\.azure\.(?:net|cn|us)\b/i;
var SEPARATOR = /^["']?\s*[:=,]?\s*["']?\s*/;
var KEY = /^[A-Za-z0-9+/]{40,86}={0,2}(?![A-Za-z0-9+/=])/;
var TOKEN = /^[A-Za-z0-9%&=+/._:-]+/;
function parseEventGridTime(value) {
  if (!value) return void 0;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/i.exec(value.trim());
  if (!m) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? void 0 : t;
  }
  const hour = +m[4] % 12 + (m[7].toUpperCase() === "PM" ? 12 : 0);
  return Date.UTC(+m[3], +m[1] - 1, +m[2], hour, +m[5], +m[6]);
}
function topic(text) {
  const m = TOPIC_HOST.exec(text);
  return m ? { account: m[1].toLowerCase(), host: m[0].toLowerCase() } : {};
}
function findEventGrid(text, lines) {
  const hits = [];
  for (let i = text.indexOf("-sas-"); i !== -1; i = text.indexOf("-sas-", i + 5)) {
    if (!/aeg$/i.test(text.slice(i - 3, i))) continue;
    const name = /^-sas-(key|token)/i.exec(text.slice(i, i + 12))?.[1]?.toLowerCase();
    if (!name) continue;
    const after = i + 5 + name.length;
    const sep = SEPARATOR.exec(text.slice(after, after + 16))?.[0].length ?? 0;
    const start = after + sep;
    const line = lines.lineOf(i);
    let context = "";
    for (let l = Math.max(0, line - 3); l <= line + 3; l++) context += `${lines.lineWindow(l, l === line ? i : lines.lineEnd(l))}
`;
    const hit = name === "key" ? eventGridKey(text.slice(start, start + 100), context) : eventGridToken(text.slice(start, start + 2048), context);
    if (hit) hits.push({ credential: hit.credential, offset: start, length: hit.length });
  }
  return hits;
}
function eventGridKey(value, context) {
  const key = KEY.exec(value)?.[0];
  if (!key || isPlaceholder(key, 32) || !looksRandom(key)) return null;
  const id = identify(key);
  const token = {
    azureService: "event-grid",
    ...topic(context),
    ...id?.provider.service === "event-grid" ? { keySignature: id.provider.signature } : {}
  };
  return {
    credential: { kind: "event-grid-key", token, secret: key, family: "event-grid-key", redacted: "aeg-sas-key: <redacted>", confidence: "high" },
    length: key.length
  };
}
function eventGridToken(value, context) {
  const raw = TOKEN.exec(value)?.[0] ?? "";
  const params = /* @__PURE__ */ new Map();
  for (const part of raw.split("&")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq), percentDecode(part.slice(eq + 1)).text);
  }
  const s = params.get("s")?.replace(/ /g, "+");
  const r = params.get("r");
  if (!s || !r || !params.has("e") || isPlaceholder(s, 32) || !/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length < 20) return null;
  const expiry = formatIso(parseEventGridTime(params.get("e")));
  const confidence = base64Length(s) === 32 && looksRandom(s) ? "high" : "low";
  const token = { azureService: "event-grid", ...topic(`${r}
${context}`), resourceUri: r, ...expiry ? { expiry } : {} };
  const redacted = `aeg-sas-token: r=${r}&e=${params.get("e")}&s=<redacted>`;
  return { credential: { kind: "event-grid-sas", token, secret: s, family: "event-grid-sas", redacted, confidence }, length: raw.length };
}
var where2 = (t) => t.account ? `Event Grid topic ${code(t.account)}` : "the Event Grid topic";
var EVENT_GRID_KEY_RULES = {
  assess: (c) => keyRisk("high", [...c.token.keySignature ? ["checksum-valid"] : [], "shared-access-key", "write", "no-expiry"]),
  reason(id, c, a, now, policy) {
    switch (id) {
      case "shared-access-key":
        return `This is an access key of ${where2(c.token)}: it can publish events and sign tokens for it.`;
      case "write":
        return "Whoever holds it can publish any event to the topic, and so trigger every handler subscribed to it.";
      case "no-expiry":
        return "An access key never expires; it works until someone regenerates it.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary: (c) => `Event Grid access key for ${where2(c.token)}, no expiry`,
  remediation: (c) => [
    `Revoke it: regenerate the key on ${where2(c.token)} (az eventgrid topic key regenerate, key1 and key2 in turn) after moving publishers to the other key.`,
    REMOVE_STEP,
    "Prevent it: publish with Microsoft Entra ID (managed identity) and disable local (key) authentication on the topic, or hand out short-lived SAS tokens minted at run time."
  ]
};
var EVENT_GRID_SAS_RULES = {
  assess(c, now, policy) {
    return tokenRisk(c, now, policy, {
      scope: "object",
      permissionClass: "write",
      endMs: c.token.expiry ? Date.parse(c.token.expiry) : void 0,
      reasons: ["write"]
    });
  },
  reason(id, c, a, now, policy) {
    switch (id) {
      case "object-scope":
        return `It is limited to ${where2(c.token)}.`;
      case "write":
        return "Whoever holds it can publish events to the topic until it expires.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary(c, a) {
    const when = a.window === "expired" ? `, expired ${day(endIso(a))}` : a.window === "none" ? "" : ` until ${day(endIso(a))}`;
    return `Event Grid SAS token to publish to ${where2(c.token)}${when}`;
  },
  remediation(c, a) {
    if (a.window === "expired") return [...EXPIRED_STEPS("topic key"), "Mint tokens at run time with a short expiry."];
    return [
      `Revoke it: regenerate the access key of ${where2(c.token)} that signed it (az eventgrid topic key regenerate); nothing else revokes a SAS token.`,
      REMOVE_STEP,
      "Prevent it: publish with Microsoft Entra ID, or mint tokens at run time with an expiry of an hour or so."
    ];
  }
};

// src/detect/cosmos-db.ts
var COSMOS_HOST = /\b([a-z0-9][a-z0-9-]{2,43})\.documents\.azure\.(?:com|cn|us)\b/i;
var COSMOS_WORDS = /AccountEndpoint\s*=|\.documents\.azure\.|cosmos/i;
var looksCosmos = (context) => COSMOS_WORDS.test(context);
function cosmosKey(key, before, context, id) {
  const host = COSMOS_HOST.exec(context);
  if (host && /localhost|127\.0\.0\.1/.test(host[0])) return null;
  const local = /(?:localhost|127\.0\.0\.1):8081/.test(context);
  if (local) return null;
  const readOnly = id ? /read-only/.test(id.role) : /read-?only|\bro\b/i.test(before.slice(-60));
  const inString = /AccountKey\s*=\s*["']?$/i.test(before) && /AccountEndpoint\s*=/i.test(context);
  const token = {
    azureService: "cosmos-db",
    ...host ? { account: host[1].toLowerCase(), host: host[0].toLowerCase() } : {},
    keyAccess: readOnly ? "read-only" : "read-write",
    ...id ? { keySignature: id.provider.signature } : {}
  };
  const redacted = inString ? `AccountEndpoint=https://${token.host ?? "<account>.documents.azure.com"}:443/;AccountKey=<redacted>` : "<redacted Cosmos DB key>";
  return { kind: "cosmos-db-key", token, secret: key, family: "cosmos-key", redacted, confidence: "high" };
}
var where3 = (t) => t.account ? `Cosmos DB account ${code(t.account)}` : "the Cosmos DB account";
var COSMOS_RULES = {
  assess(c) {
    const sig = c.token.keySignature ? ["checksum-valid"] : [];
    if (c.token.keyAccess === "read-only") return keyRisk("high", [...sig, "account-key", "read-only", "no-expiry"]);
    return keyRisk("critical", [...sig, "account-key", "full-control", "no-expiry"]);
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "account-key":
        return `This is a ${t.keyAccess === "read-only" ? "read-only" : "primary or secondary (read-write)"} key of ${where3(t)}.`;
      case "full-control":
        return "It can read, change and delete every database, container and item in the account, and change its throughput.";
      case "read-only":
        return "It can read every database, container and item in the account, but not change them.";
      case "no-expiry":
        return "An account key never expires; it works until someone regenerates it.";
      case "checksum-valid":
        return `Its fixed signature ${code("ACDb")} and its checksum match Microsoft's identifiable key format for Cosmos DB.`;
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary: (c) => `Cosmos DB ${c.token.keyAccess === "read-only" ? "read-only key" : "account key with full control"} of ${where3(c.token)}, no expiry`,
  remediation: (c) => [
    `Revoke it: regenerate this key on ${where3(c.token)} (az cosmosdb keys regenerate --key-kind ${c.token.keyAccess === "read-only" ? "primaryReadonly or secondaryReadonly" : "primary or secondary"}) after moving clients to the other key.`,
    REMOVE_STEP,
    "Prevent it: use Microsoft Entra ID (managed identity with Cosmos DB data-plane roles) and disable key-based authentication (disableLocalAuth), keep any remaining key in Key Vault."
  ]
};

// src/detect/identifiable-key-finder.ts
var B64 = /[A-Za-z0-9+/\-_]/;
var PLUS_A = PROVIDERS.filter((p) => p.signature.startsWith("+A") && p.service !== "storage");
function findIdentifiableKeys(text) {
  const hits = [];
  for (let i = text.indexOf("+A"); i !== -1; i = text.indexOf("+A", i + 2)) {
    for (const p of PLUS_A) {
      if (!text.startsWith(p.signature, i)) continue;
      const start = i - signatureIndex(p.bytes);
      const len = p.urlSafe ? Math.ceil(p.bytes * 8 / 6) : encodedLength(p.bytes);
      if (start < 0 || B64.test(text[start - 1] ?? "") || B64.test(text[start + len] ?? "")) continue;
      const key = text.slice(start, start + len);
      const id = identify(key);
      if (id) hits.push({ offset: start, length: len, credential: identifiableCredential(key, id) });
    }
  }
  return hits;
}
function functionsKeyAt(text, eq) {
  const start = eq - 54;
  if (start < 0 || !text.startsWith("AzFu", eq - 10) || B64.test(text[start - 1] ?? "")) return null;
  const key = text.slice(start, eq + 2);
  const id = identify(key);
  return id ? { offset: start, length: 56, credential: identifiableCredential(key, id) } : null;
}
function identifiableCredential(key, id) {
  const token = { azureService: id.provider.service, keySignature: id.provider.signature, keyName: id.role };
  return { kind: "identifiable-key", token, secret: key, family: "identifiable-key", redacted: `<redacted ${id.provider.label}>`, confidence: "high" };
}
var label = (t) => PROVIDERS.find((p) => p.signature === t.keySignature && p.service === t.azureService)?.label ?? "Azure key";
var MANAGE = /manage|master|admin|direct management|hub|provisioning|^system$/;
var READ = /query|listen|read-only/;
var IDENTIFIABLE_RULES = {
  assess(c) {
    const role = c.token.keyName ?? "";
    const reasons = ["checksum-valid", "shared-access-key"];
    if (MANAGE.test(role)) return keyRisk("critical", [...reasons, "manage-rights", "no-expiry"]);
    if (READ.test(role)) return keyRisk("medium", [...reasons, "read-only", "no-expiry"]);
    return keyRisk("high", [...reasons, "no-expiry"]);
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "checksum-valid":
        return `Its fixed signature ${code(t.keySignature)} and its checksum match Microsoft's identifiable key format: this is an ${label(t)} (${t.keyName} key), whatever the text around it says.`;
      case "shared-access-key":
        return `Whoever holds it can call the service with the rights of a ${t.keyName} key.`;
      case "manage-rights":
        return `A ${t.keyName} key has full control of the resource.`;
      case "read-only":
        return `A ${t.keyName} key can only read or receive.`;
      case "no-expiry":
        return "A key never expires; it works until someone regenerates it.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary: (c) => `${label(c.token)} (${c.token.keyName}), recognised by its signature and checksum, no expiry`,
  remediation: (c) => [
    `Revoke it: regenerate this ${label(c.token)} on the resource that issued it (the resource is not named in the key: search the subscription's resources of that service), after moving clients to the other key.`,
    REMOVE_STEP,
    "Prevent it: use managed identity or Microsoft Entra ID instead of keys, keep any remaining key in Key Vault, and disable local (key) authentication where the service allows it."
  ]
};

// src/detect/family.ts
var RULES = {
  "iot-sas": IOT_SAS_RULES,
  "iot-key": IOT_KEY_RULES,
  "event-grid-key": EVENT_GRID_KEY_RULES,
  "event-grid-sas": EVENT_GRID_SAS_RULES,
  "cosmos-key": COSMOS_RULES,
  "identifiable-key": IDENTIFIABLE_RULES
};
var familyRules = (c) => RULES[c.family];

// src/detect/remediation.ts
var REMOVE = "Remove it from the code and the configuration, and treat it as public: deleting the line or rewriting history does not revoke it, and copies may already exist in forks, clones and caches.";
var step = (action, text, short) => ({ action, text: toText(text), short: toText(short) });
function revokeStep(c) {
  const t = c.token;
  const acct = accountPhrase(t, c.kind === "servicebus-sas" || c.family === "servicebus-key");
  switch (c.kind) {
    case "account-sas":
    case "service-sas":
      if (t.storedPolicy) {
        return step(
          "revoke",
          `Revoke it: delete or change the stored access policy ${code(t.storedPolicy)} on the ${t.tableName ? "table" : "container, share or queue"} it belongs to (no key rotation needed).`,
          `Delete the stored access policy ${code(t.storedPolicy)}`
        );
      }
      return step(
        "revoke",
        `Revoke it: rotate the account key that signed it on ${acct} (az storage account keys renew, key1 and key2 in turn after moving clients to the other key). Nothing else revokes an ad hoc SAS.`,
        `Rotate the account key of ${acct}`
      );
    case "user-delegation-sas":
      return step(
        "revoke",
        `Revoke it: revoke the user delegation keys of ${acct} (az storage account revoke-delegation-keys), or remove the signing principal's role; the key otherwise lives until ${t.delegation?.keyExpiry?.slice(0, 10) ?? "its expiry (at most 7 days)"}.`,
        `Revoke the user delegation keys of ${acct}`
      );
    case "servicebus-sas":
      return step(
        "revoke",
        `Revoke it: regenerate the keys of authorization rule ${code(t.keyName ?? "?")} on ${acct} (or delete the rule); every token it signed stops working.`,
        `Regenerate the keys of rule ${code(t.keyName ?? "?")}`
      );
    case "storage-account-key":
    case "connection-string":
      if (c.family === "servicebus-key") {
        return step(
          "revoke",
          `Revoke it: regenerate the key of authorization rule ${code(t.keyName ?? "?")} on ${acct}, after moving clients to the other key.`,
          `Regenerate the key of rule ${code(t.keyName ?? "?")}`
        );
      }
      return step(
        "revoke",
        `Revoke it: rotate this key on ${acct} (az storage account keys renew) after moving clients to the other key; every SAS it signed stops working too.`,
        `Rotate this key of ${acct}`
      );
  }
  return step("revoke", "Revoke it with the service that issued it.", "Revoke it");
}
function preventStep(c, a) {
  const t = c.token;
  const prevent = [];
  let short;
  if (c.family === "storage-key" || c.family === "servicebus-key") {
    prevent.push(
      "use managed identity or Microsoft Entra ID instead of keys, keep any remaining secret in Key Vault, and disable Shared Key access where it is not needed"
    );
    short = "Use managed identity instead of keys";
  } else if (c.kind === "servicebus-sas") {
    prevent.push(
      "use managed identity or Entra ID, or mint short-lived tokens at run time from a least-privilege (Send or Listen only) rule on the one entity"
    );
    short = "Mint short-lived tokens at run time";
  } else {
    prevent.push("create SAS tokens at run time instead of committing them, preferably user delegation SAS (Entra ID) with an expiry of an hour or so");
    if (a.scope === "account") prevent.push("scope them to one container or blob rather than the account");
    if (a.permissionClass === "write") prevent.push("grant only the permissions needed (read-only where possible)");
    if (t.protocol !== "https") prevent.push("set spr=https");
    if (c.kind === "service-sas" && !t.storedPolicy) prevent.push("bind service SAS to a stored access policy so it can be revoked");
    prevent.push("configure a SAS expiration policy on the account");
    short = "Create SAS tokens at run time";
  }
  return step("prevent", `Prevent it: ${prevent.join("; ")}.`, short);
}
function remediationStepsFor(credential, a) {
  const c = withoutMarkersIn(credential);
  if (a.window === "expired") {
    return [
      step(
        "revoke",
        "It has expired, so nothing needs revoking, but check that the same account key does not sign other long-lived tokens.",
        "Nothing to revoke: it has expired"
      ),
      step("remove", "Remove it from the code: it still reveals the account and resource names.", "Remove it from the code"),
      step("prevent", "Prefer user delegation SAS with short expiry (an hour or so) created at run time.", "Create short-lived SAS at run time")
    ];
  }
  return [revokeStep(c), step("remove", REMOVE, "Remove it from the code"), preventStep(c, a)];
}
function remediationFields(c, a) {
  const steps = remediationStepsFor(c, a);
  return { remediation: steps.map((s) => plainText(s.text)), steps };
}

// src/detect/family-words.ts
var actionOf = (s, i, all) => /^Remove\b/.test(s) ? "remove" : /^Prevent\b/.test(s) ? "prevent" : /^Investigate\b/.test(s) ? "investigate" : i === all.length - 1 && all.length > 2 ? "prevent" : "revoke";
function shortOf(s) {
  const body = s.replace(/^(?:Revoke it|Remove it|Prevent it|Investigate)\s*:\s*/, "");
  const first = body.split(/(?<=[.;])\s|,\s(?:then|after|and)\s|\s\(/)[0].replace(/[.;]$/, "");
  return first.charAt(0).toUpperCase() + first.slice(1);
}
function familyWords(own, credential, a, now, policy) {
  const c = withoutMarkersIn(credential);
  const reasons = a.reasons.map((id) => {
    const text = toText(own.reason(id, c, a, now, policy));
    return { id, message: plainText(text), text };
  });
  const marked = own.remediation(c, a);
  const steps = marked.map((s, i) => step(actionOf(s, i, marked), s, shortOf(s)));
  const summaryText2 = toText(own.summary(c, a));
  return { reasons, remediation: steps.map((s) => plainText(s.text)), steps, summary: plainText(summaryText2), summaryText: summaryText2 };
}

// src/detect/find-keys.ts
var EMULATOR_KEYS = /* @__PURE__ */ new Set([
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
]);
var B642 = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") B642[c.charCodeAt(0)] = 1;
var isB64 = (code2) => code2 < 128 && B642[code2] === 1;
var KEY_CONTEXT = /(?:account|storage|access|primary|secondary|shared|azure)[\s_.-]*key|accountkey|"keyName"|\bkey[12]\b/i;
var LOOKALIKE_PREFIX = /(?:sha(?:256|384|512)-|integrity["']?\s*[:=]\s*["']?)$/i;
function keyStartAt(text, eqIndex) {
  if (text.charCodeAt(eqIndex + 2) === 61) return -1;
  let i = eqIndex - 1;
  for (let n = 0; n < 86; n++, i--) {
    const c = text.charCodeAt(i);
    if (!isB64(c)) return -1;
    if (c === 47 && text.charCodeAt(i - 1) === 92) i--;
  }
  const start = i + 1;
  if (start > 0 && isB64(text.charCodeAt(start - 1))) return -1;
  return start;
}
function findAccountKeys(text, lines) {
  const hits = [];
  for (let i = text.indexOf(KEY_PADDING_ANCHOR); i !== -1; i = text.indexOf(KEY_PADDING_ANCHOR, i + 2)) {
    if (!isB64(text.charCodeAt(i - 1))) continue;
    const start = keyStartAt(text, i);
    if (start === -1) {
      const fn = functionsKeyAt(text, i);
      if (fn) hits.push(fn);
      continue;
    }
    const key = text.slice(start, i + 2).replace(/\\\//g, "/");
    if (EMULATOR_KEYS.has(key) || isPlaceholder(key, 64) || !looksRandom(key)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    if (LOOKALIKE_PREFIX.test(before)) continue;
    const line = lines.lineOf(start);
    const lineText = lines.lineWindow(line, start);
    const inConnectionString = /AccountKey\s*=\s*["']?$/i.test(before);
    const id = key.slice(76, 77) === "+" || key.slice(76, 77) === "A" ? identify(key) : void 0;
    const marked = id?.provider.service === "storage";
    let context = lineText;
    for (let l = line - 1; l >= Math.max(0, line - 3); l--) context = `${lines.lineWindow(l, lines.lineEnd(l))}
${context}`;
    let around = context;
    for (let l = line + 1; l <= line + 3 && lines.lineStart(l) !== void 0; l++) around += `
${lines.lineWindow(l, lines.lineStart(l))}`;
    const enrollment = !id ? dpsEnrollmentKey(key, around) : null;
    if (enrollment) {
      hits.push({ offset: start, length: i + 2 - start, credential: enrollment });
      continue;
    }
    if (id?.provider.service === "cosmos-db" || !marked && looksCosmos(around)) {
      const cosmos = cosmosKey(key, text.slice(Math.max(lines.lineStart(line), start - 200), start), around, id);
      if (cosmos) hits.push({ offset: start, length: i + 2 - start, credential: cosmos });
      continue;
    }
    if (id && !marked) {
      hits.push({ offset: start, length: i + 2 - start, credential: identifiableCredential(key, id) });
      continue;
    }
    const sqlSecret = /SECRET\s*=\s*N?'$/i.test(before) && /CREDENTIAL|\.core\.windows\.net/i.test(around);
    if (!inConnectionString && !marked && !sqlSecret && !KEY_CONTEXT.test(context)) continue;
    if (/devstoreaccount1/i.test(around)) continue;
    const accountName = /AccountName\s*=\s*([A-Za-z0-9]{3,24})/i.exec(lineText)?.[1]?.toLowerCase() ?? (inConnectionString ? /AccountName\s*=\s*([A-Za-z0-9]{3,24})/i.exec(context)?.[1]?.toLowerCase() : void 0);
    const account = accountName ?? nearbyAccount(lines, line, start);
    const full = inConnectionString && accountName !== void 0;
    const suffix = /EndpointSuffix\s*=\s*([A-Za-z0-9.]+)/i.exec(inConnectionString ? context : lineText)?.[1];
    const protocol = /DefaultEndpointsProtocol\s*=\s*(https?)/i.exec(inConnectionString ? context : lineText)?.[1];
    hits.push({
      offset: start,
      length: i + 2 - start,
      credential: {
        kind: full ? "connection-string" : "storage-account-key",
        token: {
          ...account ? { account } : {},
          ...marked ? { keySignature: "+ASt" } : {},
          ...suffix ? { endpointSuffix: suffix } : {},
          ...protocol ? { defaultProtocol: protocol } : {}
        },
        secret: key,
        family: "storage-key",
        redacted: full ? `${protocol ? `DefaultEndpointsProtocol=${protocol};` : ""}AccountName=${accountName};AccountKey=<redacted>${suffix ? `;EndpointSuffix=${suffix}` : ""}` : `${inConnectionString ? "AccountKey=" : ""}<redacted storage account key>`,
        confidence: "high"
      }
    });
  }
  return hits;
}
var ACCOUNT_NAMED = /(?:account[_-]?name|storage[_-]?account|--account-name)["']?\s*(?:[:=]|\s)\s*["']?([a-z0-9]{3,24})\b/i;
var accountNamedIn = (text) => {
  const name = findStorageHost(text)?.account ?? ACCOUNT_NAMED.exec(text)?.[1]?.toLowerCase();
  return name === "devstoreaccount1" ? void 0 : name;
};
function nearbyAccount(lines, line, at) {
  for (const l of [line, line - 1, line + 1, line - 2, line + 2]) {
    if (l < 0 || lines.lineStart(l) === void 0) continue;
    const name = accountNamedIn(lines.lineWindow(l, l === line ? at : lines.lineStart(l)));
    if (name) return name;
  }
  return void 0;
}
var SB_KEY = /^[A-Za-z0-9+/]{38,86}={0,2}/;
function findServiceBusKeys(text, lines) {
  const hits = [];
  for (let k = text.indexOf(SERVICE_BUS_KEY_ANCHOR); k !== -1; k = text.indexOf(SERVICE_BUS_KEY_ANCHOR, k + 4)) {
    const i = k - 12;
    if (i < 0 || !text.startsWith("SharedAccess", i)) continue;
    const start = k + 4;
    const key = SB_KEY.exec(text.slice(start, start + 100))?.[0];
    if (!key || isPlaceholder(key, 32) || !looksRandom(key)) continue;
    const lineText = lines.lineWindow(lines.lineOf(i), i);
    const iot = iotConnectionString(lineText, key);
    if (iot) {
      hits.push({ offset: start, length: key.length, credential: iot });
      continue;
    }
    const keyName = /SharedAccessKeyName\s*=\s*([^;"'\s]+)/.exec(lineText)?.[1];
    const host = findServiceBusHost(lineText);
    const entity = /EntityPath\s*=\s*([^;"'\s]+)/.exec(lineText)?.[1];
    const azureService = messagingService(key, keyName, lineText);
    hits.push({
      offset: start,
      length: key.length,
      credential: {
        kind: "connection-string",
        token: {
          ...host ? { account: host.account, host: host.host } : {},
          ...keyName ? { keyName } : {},
          ...entity ? { resourcePath: `/${entity}` } : {},
          ...azureService ? { azureService } : {},
          ...identify(key) ? { keySignature: identify(key).provider.signature } : {}
        },
        secret: key,
        family: "servicebus-key",
        redacted: `${host ? `Endpoint=sb://${host.host}/;` : ""}${keyName ? `SharedAccessKeyName=${keyName};` : ""}SharedAccessKey=<redacted>${entity ? `;EntityPath=${entity}` : ""}`,
        confidence: "high"
      }
    });
  }
  return hits;
}
function messagingService(key, keyName, lineText) {
  const id = identify(key)?.provider.service;
  if (id === "service-bus" || id === "event-hubs" || id === "relay") return id;
  if (/^Default(?:Full|Listen)SharedAccessSignature$/i.test(keyName ?? "") || /NotificationHub/i.test(lineText)) return "notification-hubs";
  if (/\brelay\b|HybridConnection/i.test(lineText)) return "relay";
  if (/eventhub/i.test(lineText)) return "event-hubs";
  return void 0;
}

// src/detect/fingerprint.ts
import { createHash } from "node:crypto";
function fingerprint(c) {
  return `sg1:${createHash("sha256").update(`${c.family}\0${c.secret}`).digest("hex").slice(0, 24)}`;
}

// src/detect/kubernetes-secret.ts
var KIND_BEFORE = /["']?kind["']?\s*:\s*["']?$/;
var WORD = /\w/;
function declaresKindSecret(text) {
  for (let at = text.indexOf(K8S_SECRET_ANCHOR); at !== -1; at = text.indexOf(K8S_SECRET_ANCHOR, at + 6)) {
    if (!WORD.test(text[at + 6] ?? "") && KIND_BEFORE.test(text.slice(Math.max(0, at - 64), at))) return true;
  }
  return false;
}
var MIN_VALUE = 16;
var isSpace = (ch) => ch === 32 || ch === 9 || ch === 13 || ch === 11 || ch === 12 || ch === 160 || ch === 65279 || ch >= 8192 && ch <= 8202 || ch === 8232 || ch === 8233 || ch === 8239 || ch === 8287 || ch === 12288 || ch === 5760;
var isQuote = (ch) => ch === 34 || ch === 39;
var isAlnum = (ch) => ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122;
var isNameChar = (ch) => isAlnum(ch) || ch === 95 || ch === 46 || ch === 45;
var isBase64Char = (ch) => isAlnum(ch) || ch === 43 || ch === 47;
function parseEntry(line) {
  let i = 0;
  const n = line.length;
  const skipSpaces = () => {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
  };
  const skipQuote = () => {
    if (i < n && isQuote(line.charCodeAt(i))) i++;
  };
  skipSpaces();
  skipQuote();
  const nameStart = i;
  while (i < n && isNameChar(line.charCodeAt(i))) i++;
  if (i === nameStart) return void 0;
  const name = line.slice(nameStart, i);
  skipQuote();
  skipSpaces();
  if (line.charCodeAt(i) !== 58) return void 0;
  i++;
  skipSpaces();
  skipQuote();
  const at = i;
  while (i < n && isBase64Char(line.charCodeAt(i))) i++;
  if (i - at < MIN_VALUE) return void 0;
  for (let pad = 0; pad < 2 && line.charCodeAt(i) === 61; pad++) i++;
  const length = i - at;
  skipQuote();
  skipSpaces();
  if (line.charCodeAt(i) === 44) i++;
  skipSpaces();
  return i === n ? { name, at, length } : void 0;
}
function findBase64Secrets(text, path, lines) {
  if (!isManifestPath(path) || !declaresKindSecret(text)) return [];
  const out = [];
  for (let l = 0, offset = 0; offset < text.length; l++) {
    const line = lines.lineText(l);
    const entry = parseEntry(line);
    if (entry) {
      const decoded = Buffer.from(line.slice(entry.at, entry.at + entry.length), "base64").toString("utf8");
      if (isPrintable(decoded)) out.push({ offset: offset + entry.at, length: entry.length, decoded: `${entry.name}: ${decoded}` });
    }
    const next = text.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return out;
}
function isPrintable(s) {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (!(ch >= 32 && ch <= 126 || isSpace(ch) || ch === 10)) return false;
  }
  return true;
}

// src/detect/line-index.ts
var LineIndex = class {
  constructor(text) {
    this.text = text;
  }
  text;
  #starts;
  #lineStarts() {
    if (this.#starts) return this.#starts;
    const starts = [0];
    for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
    return this.#starts = starts;
  }
  /** How many lines the text has (a final line break starts an empty last line). */
  get lineCount() {
    return this.#lineStarts().length;
  }
  /** 0-based index of the line holding `offset`. */
  lineOf(offset) {
    const starts = this.#lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  lineStart(line) {
    return this.#lineStarts()[line];
  }
  lineEnd(line) {
    const starts = this.#lineStarts();
    const next = line + 1 < starts.length ? starts[line + 1] - 1 : this.text.length;
    return next > starts[line] && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }
  /** The text of line `line` (0-based), without its line break. */
  lineText(line) {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
  /**
   * The part of line `line` within `radius` characters of `offset` (the whole line when it is short). Context
   * checks use this, so a hit on a 50 MB minified line never reads the whole line (linear time).
   */
  lineWindow(line, offset, radius = 512) {
    const start = Math.max(this.lineStart(line), offset - radius);
    const end = Math.min(this.lineEnd(line), offset + radius);
    return this.text.slice(start, Math.max(start, end));
  }
  /** 1-based line and column of `offset`. */
  position(offset) {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.lineStart(line) + 1 };
  }
};

// src/detect/parse-sas.ts
var SAS_PARAMS = /* @__PURE__ */ new Set([
  "sv",
  "ss",
  "srt",
  "sr",
  "sp",
  "st",
  "se",
  "spr",
  "sip",
  "si",
  "ses",
  "sig",
  "sdd",
  "skoid",
  "sktid",
  "skt",
  "ske",
  "sks",
  "skv",
  "saoid",
  "suoid",
  "scid",
  "sduoid",
  "tn",
  "spk",
  "srk",
  "epk",
  "erk",
  "rscc",
  "rscd",
  "rsce",
  "rscl",
  "rsct",
  "skn"
]);
var VALUE = /^[A-Za-z0-9%+/=._:\-,~!'()*]*/;
var SIG_VALUE = /^[A-Za-z0-9%+/=]*/;
var URL_START = /(?:https?|sb):\/\//i;
function parseChunk(chunk2) {
  let rest = chunk2;
  for (let depth = 0; depth < 3; depth++) {
    const eq = rest.indexOf("=");
    if (eq <= 0) return void 0;
    const name = rest.slice(0, eq).trim();
    const lname = name.toLowerCase();
    if (SAS_PARAMS.has(lname) && name === lname) {
      const raw = ((lname === "sig" ? SIG_VALUE : VALUE).exec(rest.slice(eq + 1)) ?? [""])[0];
      const decoded = percentDecode(raw);
      return { name: lname, value: decoded.text, invalidEscape: decoded.invalid };
    }
    const space = name.lastIndexOf(" ");
    if (space !== -1 && SAS_PARAMS.has(name.slice(space + 1))) {
      rest = rest.slice(space + 1);
      continue;
    }
    rest = rest.slice(eq + 1);
  }
  return void 0;
}
function parseSasCandidates(region) {
  const out = [];
  let current;
  const seen = /* @__PURE__ */ new Set();
  const flush = () => {
    if (current && current.params.some((p) => p.name === "sig")) out.push(current);
    current = void 0;
    seen.clear();
  };
  const parts = region.split(/([&?;]|,(?=(?:https?|sb):\/\/))/);
  for (let i = 0; i < parts.length; i += 2) {
    const chunk2 = parts[i];
    if (chunk2 === "") continue;
    const named = /^([a-z]{2,6})=/.exec(chunk2);
    const url = named && SAS_PARAMS.has(named[1]) ? null : URL_START.exec(chunk2);
    if (url) {
      if (current?.params.length) flush();
      current = { url: chunk2.slice(url.index).replace(/,+$/, ""), urlIsToken: parts[i + 1] === "?", params: [], firstParam: "" };
      continue;
    }
    const param = parseChunk(chunk2);
    if (!param) continue;
    if (seen.has(param.name)) flush();
    current ??= { params: [], firstParam: "" };
    if (current.params.length === 0) current.firstParam = param.name;
    current.params.push(param);
    seen.add(param.name);
  }
  flush();
  return out;
}

// src/detect/secret.ts
var inspectSymbol = /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom");
var Secret = class {
  #value;
  redacted;
  constructor(value, redacted) {
    this.#value = value;
    this.redacted = redacted;
  }
  /** The raw secret. Never log, print or send what this returns. */
  reveal() {
    return this.#value;
  }
  toString() {
    return this.redacted;
  }
  toJSON() {
    return this.redacted;
  }
  [inspectSymbol]() {
    return `Secret(${this.redacted})`;
  }
};

// src/detect/severity-trail.ts
function engineTrail(base, severity, reasons, violations) {
  const trail = [{ step: "base", from: base, to: base, reason: reasons.filter((r) => r !== "policy-violation").join(", ") }];
  if (severity !== base) trail.push({ step: "policy", from: base, to: severity, reason: `policy-violation (${violations.join(", ")})` });
  return trail;
}
var withStep = (f, step2, to, reason) => ({
  ...f,
  severity: to,
  severityTrail: [...f.severityTrail ?? [], { step: step2, from: f.severity, to, reason }]
});

// src/detect/token-region.ts
var MAX_SPAN = 8192;
var MAX_HOPS = 16;
var MAX_GAP = 120;
var TOKEN_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%&=+/._:-,;?\\~!*()") TOKEN_CHAR[c.charCodeAt(0)] = 1;
var isTokenChar = (code2) => code2 < 128 && TOKEN_CHAR[code2] === 1;
var isAlnum2 = (code2) => code2 >= 48 && code2 <= 57 || code2 >= 65 && code2 <= 90 || code2 >= 97 && code2 <= 122;
function isTokenCharAt(text, i) {
  const c = text.charCodeAt(i);
  if (c === 39) return isAlnum2(text.charCodeAt(i - 1)) && isAlnum2(text.charCodeAt(i + 1));
  return isTokenChar(c);
}
var isQuote2 = (code2) => code2 === 34 || code2 === 39 || code2 === 96;
var isSpace2 = (code2) => code2 === 32 || code2 === 9 || code2 === 10 || code2 === 13;
function expandLeft(text, from, limit) {
  let i = from;
  while (i > limit && isTokenCharAt(text, i - 1)) i--;
  return i;
}
function expandRight(text, from, limit) {
  let i = from;
  while (i < limit && isTokenCharAt(text, i)) i++;
  return i;
}
function hopToQuote(text, from, dir) {
  let i = from;
  const stop = dir < 0 ? Math.max(0, from - MAX_GAP) : Math.min(text.length - 1, from + MAX_GAP);
  let ops = 0;
  while (dir < 0 ? i >= stop : i <= stop) {
    const c = text.charCodeAt(i);
    if (isQuote2(c)) return i;
    if (isSpace2(c)) {
      i += dir;
      continue;
    }
    if ((c === 43 || c === 46 || c === 38 || c === 124 || c === 95 || c === 92) && ops < 2) {
      ops++;
      i += dir;
      continue;
    }
    return -1;
  }
  return -1;
}
function tokenRegion(text, anchor, floor) {
  const lo = Math.max(floor, anchor - MAX_SPAN);
  const hi = Math.min(text.length, anchor + MAX_SPAN);
  const first = { start: expandLeft(text, anchor, lo), end: expandRight(text, anchor, hi) };
  const pieces = [first];
  for (let hop = 0, p = first; hop < MAX_HOPS && p.start - 1 > lo && isQuote2(text.charCodeAt(p.start - 1)); hop++) {
    const q = hopToQuote(text, p.start - 2, -1);
    if (q <= lo) break;
    const start = expandLeft(text, q, lo);
    if (start === q || !isQuote2(text.charCodeAt(start - 1))) break;
    p = { start, end: q };
    pieces.unshift(p);
  }
  for (let hop = 0, p = first; hop < MAX_HOPS && p.end < hi && isQuote2(text.charCodeAt(p.end)); hop++) {
    const q = hopToQuote(text, p.end + 1, 1);
    if (q === -1 || q + 1 >= hi) break;
    const end = expandRight(text, q + 1, hi);
    if (end === q + 1 || !isQuote2(text.charCodeAt(end))) break;
    p = { start: q + 1, end };
    pieces.push(p);
  }
  if (pieces.length === 1) {
    const next = wrappedSignature(text, anchor, first.end, hi);
    if (next) pieces.push(next);
    const above = wrappedStart(text, first.start, lo);
    if (above) pieces.unshift(above);
  }
  return {
    pieces,
    text: pieces.map((p) => text.slice(p.start, p.end)).join(""),
    start: pieces[0].start,
    end: pieces[pieces.length - 1].end
  };
}
function isSigAnchor(text, i) {
  const next = text.charCodeAt(i + 3);
  if (next === 61) {
  } else if (next === 37) {
    if (!/^%(?:25)*3[dD]/.test(text.slice(i + 3, i + 13))) return false;
  } else if (next === 92) {
    if (!/^\\+u003[dD]/.test(text.slice(i + 3, i + 14))) return false;
  } else return false;
  if (i === 0) return true;
  const prev = text.charCodeAt(i - 1);
  if (prev === 63 || prev === 38 || prev === 59 || isQuote2(prev) || isSpace2(prev) || prev === 40 || prev === 44 || prev === 124) {
    return true;
  }
  const before = text.slice(Math.max(0, i - 12), i);
  return /(?:%(?:25)*26|u0026|%(?:25)*3[fF]|u003[fF])$/.test(before);
}
var WRAP_MIN_LINE = 40;
var BREAK = /^(?:<br\s*\/?>)?\r?\n|^<br\s*\/?>/i;
var SIG_CHARS = /^[A-Za-z0-9%+/=]*/;
var sigLength = (value) => value.replace(/%(?:25)*([0-9A-Fa-f]{2})/g, "x").length;
function lineLengthBefore(text, end) {
  const nl = text.lastIndexOf("\n", end - 1);
  return end - (nl + 1);
}
function wrappedSignature(text, anchor, end, hi) {
  if (text.charCodeAt(anchor + 3) !== 61) return null;
  const value = text.slice(anchor + 4, end);
  if (!/^[A-Za-z0-9%+/]+$/.test(value) || sigLength(value) >= 43) return null;
  const brk = BREAK.exec(text.slice(end, end + 12));
  if (!brk) return null;
  if (!/^<br/i.test(brk[0]) && lineLengthBefore(text, end) < WRAP_MIN_LINE) return null;
  const start = end + brk[0].length;
  const rest = SIG_CHARS.exec(text.slice(start, start + 64))?.[0] ?? "";
  const total = sigLength(value + rest);
  if (total < 43 || total > 46) return null;
  return { start, end: expandRight(text, start, hi) };
}
function wrappedStart(text, start, lo) {
  let e = start - 1;
  if (text.charCodeAt(e) !== 10) return null;
  if (text.charCodeAt(e - 1) === 13) e--;
  const s = expandLeft(text, e, lo);
  const run = text.slice(s, e);
  if (s === e || lineLengthBefore(text, e) < WRAP_MIN_LINE || !/[?&]\w+=/.test(run) || /[?&]sig=/.test(run)) return null;
  if (/^(?:https?|sb):\/\//i.test(text.slice(start, start + 8))) return null;
  return { start: s, end: e };
}

// src/detect/scan-text.ts
function scanText(text, options) {
  return scanTextLimited(text, options, Number.POSITIVE_INFINITY).findings;
}
function scanTextLimited(text, options, maxDetailed) {
  const lines = new LineIndex(text);
  const located = findSasTokens(text, lines);
  for (const l of keys(text, lines)) located.push(l);
  const secrets = findBase64Secrets(text, options.path, lines);
  if (located.length === 0 && secrets.length === 0) return { findings: [], omitted: { count: 0 } };
  secrets.forEach((hit) => {
    for (const c of scanDecoded(hit.decoded)) {
      if (c.kind === "storage-account-key" && !c.token.account) {
        const account = secretAccountNear(lines, lines.lineOf(hit.offset));
        if (account) c.token = { ...c.token, account };
      }
      located.push({ credential: c, anchor: hit.offset, start: hit.offset, end: hit.offset + hit.length });
    }
  });
  return toFindings(located, lines, options, maxDetailed);
}
var SECRET_ENTRY = /^\s*["']?([A-Za-z0-9_.-]*account[_-]?name)["']?\s*:\s*["']?([A-Za-z0-9+/]{4,44}={0,2})["']?\s*,?\s*$/i;
function secretAccountNear(lines, line) {
  for (const l of [line - 1, line + 1, line - 2, line + 2]) {
    if (l < 0 || lines.lineStart(l) === void 0) continue;
    const m = SECRET_ENTRY.exec(lines.lineWindow(l, lines.lineStart(l), 256));
    const name = m ? accountNamedIn(`accountName=${Buffer.from(m[2], "base64").toString("latin1")}`) : void 0;
    if (name) return name;
  }
  return void 0;
}
function keys(text, lines) {
  const found = [];
  for (const hits of [findAccountKeys(text, lines), findServiceBusKeys(text, lines), findEventGrid(text, lines)])
    for (const h of hits) found.push({ credential: h.credential, anchor: h.offset, start: h.offset, end: h.offset + h.length });
  const identifiable = findIdentifiableKeys(text);
  const escaped = jsonEscapedKeys(text, lines);
  if (identifiable.length === 0) return escaped.length === 0 ? found : found.concat(escaped);
  const byStart = [...found].sort((a, b) => a.start - b.start);
  for (const h of identifiable) {
    let lo = 0;
    let hi = byStart.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (byStart[mid].start <= h.offset) lo = mid;
      else hi = mid - 1;
    }
    const f = byStart[lo];
    if (f && f.start <= h.offset && h.offset < f.end) continue;
    found.push({ credential: h.credential, anchor: h.offset, start: h.offset, end: h.offset + h.length });
  }
  return found.concat(escaped);
}
function jsonEscapedKeys(text, lines) {
  const out = [];
  let lastLine = -1;
  for (let at = text.indexOf(JSON_ESCAPED_EQ_ANCHOR); at !== -1; at = text.indexOf(JSON_ESCAPED_EQ_ANCHOR, at + 5)) {
    const next = text.charCodeAt(at + 5);
    if (next !== 100 && next !== 68) continue;
    const line = lines.lineOf(at);
    if (line === lastLine) continue;
    lastLine = line;
    const start = Math.max(lines.lineStart(line), at - 4096);
    const raw = lines.lineWindow(line, at, 4096);
    if (!/u003[dD]/.test(raw)) continue;
    const decoded = unescapeJson(raw);
    const local = new LineIndex(decoded);
    for (const h of [...findAccountKeys(decoded, local), ...findServiceBusKeys(decoded, local)]) {
      const pos = start + h.offset;
      out.push({ credential: h.credential, anchor: pos, start: pos, end: start + raw.length });
    }
  }
  return out;
}
function scanDecoded(decoded) {
  const lines = new LineIndex(decoded);
  return [...findSasTokens(decoded, lines), ...keys(decoded, lines)].map((l) => l.credential);
}
function findSasTokens(text, lines) {
  const out = [];
  let floor = 0;
  for (let i = text.indexOf(SIG_ANCHOR); i !== -1; i = text.indexOf(SIG_ANCHOR, Math.max(i + 3, floor))) {
    if (i < floor || !isSigAnchor(text, i)) continue;
    const region = tokenRegion(text, i, floor);
    floor = region.end;
    const { text: decoded } = decodeRegion(region.text);
    const line = lines.lineOf(i);
    const candidates = parseSasCandidates(decoded);
    for (const candidate of candidates) {
      const credential = buildSas(candidate, contextLines(lines, lines.lineOf(region.start), line, i));
      if (!credential) continue;
      const last = candidate.params[candidate.params.length - 1]?.name;
      const end = last === "sig" ? sigValueEnd(text, i) : lastParamEnd(text, i, region.end, last) ?? trimmedEnd(text, region.end);
      out.push({ credential, anchor: i, start: tokenStart(text, region.start, i, candidate), end });
    }
  }
  return out;
}
function sigValueEnd(text, anchor) {
  const m = /^sig(?:=|%(?:25)*3[dD]|\\+u003[dD])[A-Za-z0-9%+/]*(?:=|%(?:25)*3[dD]|\\+u003[dD]){0,2}/.exec(text.slice(anchor, anchor + 400));
  return anchor + (m ? m[0].length : 3);
}
function lastParamEnd(text, anchor, regionEnd, name) {
  if (!name) return void 0;
  const slice = text.slice(anchor, regionEnd);
  const re = new RegExp(`(?:[&;]|%(?:25)*26|\\\\+u0026)${name}(?:=|%(?:25)*3[dD]|\\\\+u003[dD])`, "g");
  let m;
  let at = -1;
  while (m = re.exec(slice)) at = m.index + m[0].length;
  if (at === -1) return void 0;
  let e = at;
  while (e < slice.length && /[A-Za-z0-9%+/=._:\-,~!'()*]/.test(slice[e]) && !(slice[e] === "%" && /^%(?:25)*26/.test(slice.slice(e, e + 9)))) e++;
  return anchor + e;
}
function trimmedEnd(text, end) {
  let e = end;
  while (e > 0 && ",;".includes(text[e - 1])) e--;
  return e;
}
function contextLines(lines, from, to, anchor) {
  let s = "";
  for (let l = Math.max(0, from - 1); l <= to; l++) s += `${lines.lineWindow(l, l === to ? anchor : lines.lineEnd(l), 2048)}
`;
  return s;
}
function tokenStart(text, regionStart, anchor, candidate) {
  const slice = text.slice(regionStart, anchor + 1);
  if (candidate.url && candidate.urlIsToken) {
    const scheme = candidate.url.slice(0, candidate.url.indexOf(":")).toLowerCase();
    const lower = slice.toLowerCase();
    const at = Math.max(lower.lastIndexOf(`${scheme}:`), lower.lastIndexOf(`${scheme}%3a`), lower.lastIndexOf(`${scheme}%253a`));
    if (at !== -1) return regionStart + at;
  }
  if (candidate.firstParam) {
    const m = new RegExp(`(?:^|[?&;="'\\s]|%26|u0026|%3[fF])(${candidate.firstParam})(?:=|%(?:25)*3[dD]|\\\\+u003[dD])`).exec(slice);
    if (m) return regionStart + m.index + m[0].indexOf(candidate.firstParam);
  }
  return regionStart;
}
function toFindings(located, lines, options, maxDetailed) {
  const policy = options.policy ?? DEFAULT_RISK_POLICY;
  const seen = /* @__PURE__ */ new Set();
  const assessed = [];
  located.sort((a, b) => a.anchor - b.anchor);
  const caseless = /* @__PURE__ */ new Map();
  for (const l of located) {
    const k = `${lines.lineOf(l.anchor)}\0${l.credential.family}\0${l.credential.secret.toLowerCase()}`;
    const kept2 = caseless.get(k);
    if (!kept2 || kept2.credential.secret === kept2.credential.secret.toLowerCase() && l.credential.secret !== l.credential.secret.toLowerCase())
      caseless.set(k, l);
  }
  const keep = new Set(caseless.values());
  for (const l of located) {
    if (!keep.has(l)) continue;
    const fp = fingerprint(l.credential);
    const pos = lines.position(l.anchor);
    const key = `${pos.line}\0${fp}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const own = familyRules(l.credential);
    assessed.push({ l, fp, pos, risk: own ? own.assess(l.credential, options.now, policy) : assessRisk(l.credential, options.now, policy) });
  }
  let kept = assessed;
  let omitted = { count: 0 };
  if (assessed.length > maxDetailed) {
    const ranked = assessed.map((a, i) => ({ a, i })).sort((x, y) => compareSeverity(y.a.risk.severity, x.a.risk.severity) || x.i - y.i);
    const rest = ranked.slice(maxDetailed);
    omitted = { count: rest.length, maxSeverity: rest[0].a.risk.severity };
    kept = ranked.slice(0, maxDetailed).sort((x, y) => x.i - y.i).map((x) => x.a);
  }
  const findings = kept.map(({ l, fp, pos, risk }) => {
    const c = l.credential;
    const own = familyRules(c);
    const lineIdx = pos.line - 1;
    const startLine = lines.lineOf(l.start);
    const column = startLine === lineIdx ? lines.position(l.start).column : pos.column;
    const endOnLine = lines.lineOf(Math.max(l.start, l.end - 1)) === lineIdx ? l.end : lines.lineEnd(lineIdx);
    return {
      kind: c.kind,
      path: options.path,
      line: pos.line,
      column,
      endColumn: Math.max(column + 1, endOnLine - lines.lineStart(lineIdx) + 1),
      severity: risk.severity,
      baseSeverity: risk.baseSeverity,
      severityTrail: engineTrail(risk.baseSeverity, risk.severity, risk.reasons, risk.violations),
      confidence: c.confidence,
      ...own ? familyWords(own, c, risk, options.now, policy) : { reasons: explainReasons(c, risk, options.now, policy), ...remediationFields(c, risk), ...explainSummary(c, risk) },
      violations: violationMessages(risk.violations, policy),
      token: c.token,
      fingerprint: fp,
      redacted: c.redacted,
      secret: new Secret(c.secret, c.redacted)
    };
  });
  return { findings, omitted };
}

// src/detect/redact-text.ts
var REDACTED = "<redacted>";
var NAME = /\b(?:sig|AccountKey|SharedAccessKey)(?:=|%(?:25)*3[dD]|\\{1,8}u003[dD]|&#61;|\\?["']?[ \t]{0,4}:[ \t]{0,4}\\?["']?)/gi;
var MIN_RUN = 40;
var MIN_MIXED_RUN = 32;
var SCAN_DATE = /* @__PURE__ */ new Date(0);
var isB642 = (c) => c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 43 || c === 47;
var isHex = (c) => c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
function percentAt(s, i, accept) {
  if (s.charCodeAt(i) !== 37) return 0;
  let j = i + 1;
  let last = "";
  while (isHex(s.charCodeAt(j)) && isHex(s.charCodeAt(j + 1))) {
    last = s.slice(j, j + 2).toLowerCase();
    j += 2;
    if (last !== "25") break;
  }
  return last !== "" && accept(last) ? j - i : 0;
}
function valueEnd(s, i) {
  let j = i;
  for (; ; ) {
    const c = s.charCodeAt(j);
    if (isB642(c) || c === 45 || c === 95 || c === 61) j++;
    else if (c === 37) {
      const n = percentAt(s, j, () => true);
      if (n === 0) return j;
      j += n;
    } else if (c === 92) {
      let k = j;
      while (s.charCodeAt(k) === 92 && k - j < 8) k++;
      if (s.startsWith("u00", k) && isHex(s.charCodeAt(k + 3)) && isHex(s.charCodeAt(k + 4))) j = k + 5;
      else return j;
    } else return j;
  }
}
var B64_ESCAPES = (hex) => hex === "2b" || hex === "2f";
var PAD_ESCAPE = (hex) => hex === "3d";
var mixed = (run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run.replace(/%(?:25)*2[bBfF]/g, ""));
function redactPaddedRuns(s) {
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < s.length) {
    const start = i;
    let units = 0;
    for (; ; ) {
      if (isB642(s.charCodeAt(i))) i++;
      else {
        const n = percentAt(s, i, B64_ESCAPES);
        if (n === 0) break;
        i += n;
      }
      units++;
    }
    if (units === 0) {
      i++;
      continue;
    }
    let pads = 0;
    let end = i;
    while (pads < 2) {
      const n = s.charCodeAt(end) === 61 ? 1 : percentAt(s, end, PAD_ESCAPE);
      if (n === 0) break;
      end += n;
      pads++;
    }
    if (units >= MIN_RUN && pads > 0 || units >= MIN_MIXED_RUN && mixed(s.slice(start, i))) {
      out += s.slice(copied, start) + REDACTED;
      copied = end;
    }
    i = Math.max(end, i);
  }
  return copied === 0 ? s : out + s.slice(copied);
}
function secretForms(secret) {
  const enc = encodeURIComponent(secret);
  const url = secret.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const forms = /* @__PURE__ */ new Set([secret, enc, enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), encodeURIComponent(enc), secret.replace(/=+$/, ""), url]);
  return [...forms].filter((f) => f.length >= 8).sort((a, b) => b.length - a.length);
}
function redactSecretsInText(text) {
  if (text.length === 0) return text;
  let out = text;
  try {
    const secrets = new Set(scanText(text, { path: "text.txt", now: SCAN_DATE }).map((f) => f.secret.reveal()));
    for (const secret of secrets) for (const form of secretForms(secret)) out = out.split(form).join(REDACTED);
  } catch {
  }
  let named = "";
  let copied = 0;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(out); m; m = NAME.exec(out)) {
    const from = m.index + m[0].length;
    const end = valueEnd(out, from);
    if (end === from || out.startsWith(REDACTED, from)) continue;
    named += out.slice(copied, from) + REDACTED;
    copied = end;
    NAME.lastIndex = end;
  }
  if (copied > 0) out = named + out.slice(copied);
  return redactPaddedRuns(out);
}

// src/detect/inline-ignore.ts
var NEAR = 120;
var REASON_WINDOW = 1024;
var KEYWORD = /sas-guard:ignore\b/gi;
var OPENERS = ["<!--", "//", "/*", "--", "#", ";", "*"];
var REASON = /^[^\n]*?\breason\s*=\s*(?:"([^"]*)"|'([^']*)'|\u201c([^\u201d]*)\u201d)/i;
var mentionsInlineIgnore = (text) => /sas-guard:ignore/i.test(text);
function openerBefore(line, keywordAt) {
  let i = keywordAt;
  while (i > 0 && keywordAt - i < 64 && (line[i - 1] === " " || line[i - 1] === "	")) i--;
  for (const o of OPENERS) if (line.startsWith(o, i - o.length)) return i - o.length;
  return void 0;
}
function ignoreCommentsOn(lineText, line) {
  const out = [];
  let firstNonSpace = 0;
  while (firstNonSpace < lineText.length && /\s/.test(lineText[firstNonSpace])) firstNonSpace++;
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(lineText); m; m = KEYWORD.exec(lineText)) {
    const start = openerBefore(lineText, m.index);
    if (start === void 0) continue;
    const keywordEnd = m.index + m[0].length;
    const rest = lineText.slice(keywordEnd, keywordEnd + REASON_WINDOW);
    const next = rest.search(/sas-guard:ignore/i);
    const reason = REASON.exec(next === -1 ? rest : rest.slice(0, next));
    const text = redactSecretsInText((reason?.[1] ?? reason?.[2] ?? reason?.[3] ?? "").trim());
    const end = keywordEnd + (reason ? reason[0].length : 0);
    out.push({ line, start, end, alone: start === firstNonSpace, ...text ? { reason: text } : {} });
  }
  return out;
}
function assignInlineIgnores(text, findings) {
  const covered = /* @__PURE__ */ new Map();
  const nearby = /* @__PURE__ */ new Map();
  if (findings.length === 0 || !mentionsInlineIgnore(text)) return { covered, nearby };
  const lines = new LineIndex(text);
  const lineText = (n) => n < 1 || n > lines.lineCount ? "" : lines.lineText(n - 1).replace(/\r$/, "");
  const byLine = /* @__PURE__ */ new Map();
  findings.forEach((f, i) => {
    const list = byLine.get(f.line);
    if (list) list.push(i);
    else byLine.set(f.line, [i]);
  });
  for (const [line, indexes] of byLine) {
    const onLine = indexes.sort((a, b) => findings[a].column - findings[b].column);
    const comments = ignoreCommentsOn(lineText(line), line);
    const open = [];
    let p = 0;
    for (const c of comments) {
      while (p < onLine.length && findings[onLine[p]].column - 1 < c.start) {
        if (!covered.has(onLine[p])) open.push(onLine[p]);
        p++;
      }
      const before = open[open.length - 1];
      if (before !== void 0 && c.start - (findings[before].endColumn - 1) <= NEAR) {
        covered.set(open.pop(), c);
        continue;
      }
      let q = p;
      while (q < onLine.length && findings[onLine[q]].column - 1 < c.end) q++;
      const after = onLine[q];
      if (after !== void 0 && !covered.has(after) && findings[after].column - 1 - c.end <= NEAR) covered.set(after, c);
    }
    const above = byLine.has(line - 1) ? void 0 : ignoreCommentsOn(lineText(line - 1), line - 1)[0];
    if (above?.alone && !covered.has(onLine[0])) covered.set(onLine[0], above);
    const near = comments[0] ?? (above?.alone ? above : void 0);
    if (near) {
      for (const i of onLine) if (!covered.has(i)) nearby.set(i, near);
    }
  }
  return { covered, nearby };
}

// src/detect/suppress.ts
var isExpired = (entry, now) => entry.expires !== void 0 && now.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`);
var appliesTo = (entry, finding) => entry.fingerprint === finding.fingerprint && (entry.matchesPath === void 0 || entry.matchesPath(finding.path));
function byAllowlist(finding, allowlist, now, notes) {
  const entries = allowlist.filter((entry) => appliesTo(entry, finding));
  const active = entries.find((entry) => !isExpired(entry, now));
  if (active) return { by: "allowlist", reason: redactSecretsInText(active.reason), ...active.expires ? { expires: active.expires } : {} };
  for (const entry of entries) {
    notes.push(
      `allowlist entry "${redactSecretsInText(entry.reason)}" expired on ${entry.expires} and no longer suppresses this finding: revoke the token and remove it, or renew the entry with a later expires date`
    );
  }
  return void 0;
}
function byInlineComment(comment, inlineIgnore, notes) {
  if (!comment) return void 0;
  if (!inlineIgnore) {
    notes.push(`sas-guard:ignore on line ${comment.line} is not honoured because inlineIgnore is false; use an allowlist entry`);
    return void 0;
  }
  if (comment.reason === void 0) {
    notes.push(
      `sas-guard:ignore on line ${comment.line} has no reason, so it does not suppress this finding: write sas-guard:ignore reason="why this token is safe to keep"`
    );
    return void 0;
  }
  return { by: "inline", reason: comment.reason };
}
function applySuppressions(findings, input) {
  const { text, allowlist, inlineIgnore, now } = input;
  const { covered, nearby } = assignInlineIgnores(text, findings);
  return findings.map((finding, i) => {
    if (finding.suppression) return finding;
    const notes = [...finding.notes ?? []];
    const suppression = byAllowlist(finding, allowlist, now, notes) ?? byInlineComment(covered.get(i), inlineIgnore, notes);
    const near = nearby.get(i);
    if (!suppression && near) {
      notes.push(
        `sas-guard:ignore on line ${near.line} applies only to the token next to it, not to this one (column ${finding.column}): put a comment next to this token, or use an allowlist entry`
      );
    }
    const out = { ...finding, ...notes.length > 0 ? { notes } : {} };
    return suppression ? { ...withStep(out, "suppression", out.severity, suppression.by === "inline" ? "inline sas-guard:ignore" : "allowlist entry"), suppression } : out;
  });
}

// src/scan/scan-document.ts
function scanDocument(text, path, sc, now, limit) {
  const { findings, omitted } = scanTextLimited(text, { path, now, policy: sc.policy }, limit?.maxDetailed ?? Number.POSITIVE_INFINITY);
  if (omitted.count > 0) limit?.onOmitted?.(omitted);
  return findings.length === 0 ? findings : applySuppressions(findings, { text, allowlist: sc.allowlist, inlineIgnore: sc.inlineIgnore, now });
}

// src/scan/scan-document-safely.ts
var MAX_DETAILED_FINDINGS = 1e3;
function scanDocumentSafely(text, path, sc, now, scan = scanDocument, maxDetailed = MAX_DETAILED_FINDINGS) {
  let omitted = { count: 0 };
  try {
    const findings = scan(text, path, sc, now, { maxDetailed, onOmitted: (o) => omitted = o });
    return { findings, omitted };
  } catch (error) {
    return { notScanned: notScannedReason(error) };
  }
}
function notScannedReason(error) {
  const name = error instanceof Error ? error.name : "Error";
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecretsInText(raw).replace(/\s+/g, " ").slice(0, 160);
  return `not scanned: the scanner failed on this file (${name}: ${message}). Other files were scanned. Review this file by hand for Azure credentials, and report the error to SAS Guard so it can be fixed`;
}

// src/scan/pool/scan-one.ts
var rank2 = new Map(SEVERITIES.map((s, i) => [s, i]));
function capFindings(findings, max) {
  if (findings.length <= max) return { findings, omitted: 0 };
  const keep = findings.map((f, i) => ({ f, i })).sort((a, b) => Number(!!a.f.suppression) - Number(!!b.f.suppression) || rank2.get(a.f.severity) - rank2.get(b.f.severity) || a.i - b.i).slice(0, max).sort((a, b) => a.i - b.i).map((x) => x.f);
  return { findings: keep, omitted: findings.length - max };
}
function scanOne(doc, sc, now, maxFindings) {
  let text;
  let bytes;
  if ("file" in doc) {
    const r2 = readTextFile(doc.file, doc.maxBytes);
    if ("skipped" in r2) return { path: doc.path, notScanned: r2.skipped, incomplete: false };
    ({ text, bytes } = r2);
  } else if ("text" in doc) {
    text = doc.text;
    bytes = Buffer.byteLength(doc.text);
  } else {
    text = Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength).toString("utf8");
    bytes = doc.bytes.byteLength;
  }
  if (text === "") return { path: doc.path, bytes, findings: [], omitted: 0 };
  const r = scanDocumentSafely(text, doc.path, sc, now, scanDocument, maxFindings);
  if ("notScanned" in r) return { path: doc.path, notScanned: r.notScanned, incomplete: true };
  const capped = capFindings(r.findings, maxFindings);
  const omittedMaxSeverity = r.omitted.maxSeverity ?? (capped.omitted > 0 ? "info" : void 0);
  return { path: doc.path, bytes, findings: capped.findings, omitted: r.omitted.count + capped.omitted, ...omittedMaxSeverity ? { omittedMaxSeverity } : {} };
}

// src/report/explain-finding.ts
var SEVERITY_LABEL = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info"
};
var KIND_LABEL2 = Object.fromEntries(FINDING_KINDS.map((k) => [k, kindLabel(k)]));
var compareText = (a, b) => a < b ? -1 : a > b ? 1 : 0;
var byLocation = (a, b) => compareText(a.path, b.path) || a.line - b.line || a.column - b.column;
var bySeverityDesc = (a, b) => compareSeverity(b.severity, a.severity) || byLocation(a, b);
var sortFindings = (findings) => [...findings].sort(bySeverityDesc);
var activeFindings = (report) => sortFindings(report.findings.filter((f) => !f.suppression));
var suppressedFindings = (report) => sortFindings(report.findings.filter((f) => f.suppression));
var failingFindings = (report) => activeFindings(report).filter((f) => atLeast(f.severity, report.failOn));
function countBySeverity(findings) {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const f of findings) counts[f.severity]++;
  return counts;
}
var plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
var has = (finding, ...ids) => finding.reasons.some((r) => ids.includes(r.id));
function accessPhrase(finding) {
  if (has(finding, "full-permissions", "full-control", "account-key", "shared-access-key")) return " with full control";
  if (has(finding, "manage-rights")) return " with Manage rights";
  if (has(finding, "delete")) return " with delete access";
  if (has(finding, "write")) return " with write access";
  if (has(finding, "read-only")) return " (read-only)";
  return "";
}
function expiryPhrase(finding) {
  const year = finding.token.expiry?.slice(0, 4);
  if (has(finding, "no-expiry")) return " with no expiry";
  if (has(finding, "expired")) return year ? ` (expired ${year})` : " (expired)";
  return year ? ` until ${year}` : "";
}
function headline(finding, { withPath = true } = {}) {
  const what = `${SEVERITY_LABEL[finding.severity]}: ${KIND_LABEL2[finding.kind]}${accessPhrase(finding)}${expiryPhrase(finding)}`;
  return withPath ? `${what} in ${toPosixPath(finding.path)}` : what;
}
var toPosixPath = (path) => path.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
function truncate(text, max) {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? "")) end--;
  return `${text.slice(0, end)}\u2026`;
}
var agreed = (text, plain) => text && plainText(text) === plain ? text : literal(plain);
var reasonText = (r) => agreed(r.text, r.message);
var summaryText = (f) => agreed(f.summaryText, f.summary);
function stepsOf(f) {
  if (f.steps && f.steps.length === f.remediation.length && f.steps.every((s, i) => plainText(s.text) === f.remediation[i])) return f.steps;
  return f.remediation.map((s) => ({ action: "revoke", text: literal(s), short: literal(truncate(s, 90)) }));
}
var firstAction = (f) => stepsOf(f)[0]?.short ?? literal("Remove it from the code");
function allowsText(f) {
  const text = summaryText(f);
  const prefix = `${KIND_LABEL2[f.kind]} with `;
  const first = text[0];
  if (typeof first !== "string" || !first.startsWith(prefix) || first.length === prefix.length && text.length === 1) return text;
  const rest = first.slice(prefix.length);
  return rest ? [rest, ...text.slice(1)] : text.slice(1);
}
var exposureLine = (f) => f.exposure?.summary && (f.exposure.since || !f.reasons.some((r) => r.id === "public-repository")) ? f.exposure.summary : void 0;
var SERVICE_NAME = { b: "Blob", f: "File", q: "Queue", t: "Table" };
function servicesInBrief(ss) {
  const names = [...new Set([...ss ?? ""].map((l) => SERVICE_NAME[l]).filter(Boolean))];
  if (names.length === 0 || names.length === 4) return "every service";
  return `${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`} storage`;
}
function allowsInBrief(f) {
  const accountWide = has(f, "account-scope") && f.kind === "account-sas" && f.token.account;
  if (!accountWide) return allowsText(f);
  const access = accessPhrase(f).replace(/^ with /, "").replace(/^ \((.*)\)$/, "$1 access") || "access";
  const until = f.token.expiry ? has(f, "expired") ? `, expired ${f.token.expiry.slice(0, 10)}` : ` until ${f.token.expiry.slice(0, 10)}` : "";
  return [`${access} of ${servicesInBrief(f.token.services)} of storage account `, { code: f.token.account }, until];
}

// src/report/markdown.ts
var CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
var PUNCTUATION = /[\\`*_[\]|~#$]/g;
var ZERO_WIDTH_SPACE = "\u200B";
var escapeText = (text) => text.replace(CONTROLS, "").replace(/\s*[\r\n]+\s*/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(PUNCTUATION, "\\$&").replace(/([@#])(?=[\p{L}\p{N}_-])/gu, `$1${ZERO_WIDTH_SPACE}`);
function codeSpan(text, { inTable = false } = {}) {
  const flat = text.replace(CONTROLS, "").replace(/[\r\n]+/g, " ");
  const cell = inTable ? flat.replace(/\|/g, "\\|") : flat;
  const longestRun = Math.max(0, ...(cell.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = cell.startsWith("`") || cell.endsWith("`") || /^ .* $/.test(cell) ? " " : "";
  return `${fence}${pad}${cell}${pad}${fence}`;
}
var markdownText = (text, options = {}) => text.map((p) => typeof p === "string" ? escapeText(p) : codeSpan(p.code, options)).join("");
var link = (markdown, url) => `[${markdown}](${url.replace(/[()<>\s]/g, encodeURIComponent)})`;
var row = (cells) => `| ${cells.join(" | ")} |`;
var encodePath = (path) => path.split("/").map(encodeURIComponent).join("/");

// src/report/verification-words.ts
var LABEL = {
  live: "Verified live",
  expired: "Verified expired",
  revoked: "Verified revoked or invalid signature",
  "ip-restricted": "Verification refused by the token's IP range",
  "account-not-found": "Verified account not found",
  unknown: "Verification inconclusive",
  refused: "Not verified",
  skipped: "Not verified"
};
function verificationLine(v) {
  const at = v.checkedAt.replace(/\.\d{3}Z$/, "Z");
  if (v.status === "refused" || v.status === "skipped") return `${LABEL[v.status]}: ${v.detail}`;
  const evidence = v.statusCode === void 0 ? v.detail : `HTTP ${v.statusCode}${v.errorCode ? ` ${v.errorCode}` : ""}`;
  return `${LABEL[v.status]} at ${at}: ${evidence}${v.status === "unknown" && v.statusCode !== void 0 ? ` (${v.detail})` : ""}`;
}

// src/report/check-run-findings.ts
var blobUrl = (t, path, line) => `${t.webBaseUrl.replace(/\/+$/, "")}/${t.owner}/${t.repo}/blob/${t.sha}/${encodePath(toPosixPath(path))}#L${line}`;
var location = (f, t) => link(escapeText(`${toPosixPath(f.path)}:${f.line}`), blobUrl(t, f.path, f.line));
var severityCell = (f) => f.severity === "critical" || f.severity === "high" ? `**${SEVERITY_LABEL[f.severity]}**` : SEVERITY_LABEL[f.severity];
var TABLE_HEAD = [row(["Severity", "Location", "Kind", "What it allows", "First action"]), row(["---", "---", "---", "---", "---"])];
var findingRow = (f, t) => row([
  severityCell(f),
  location(f, t),
  escapeText(KIND_LABEL2[f.kind]),
  markdownText(allowsInBrief(f), { inTable: true }),
  markdownText(firstAction(f), { inTable: true })
]);
function trailLine(f) {
  const trail = f.severityTrail ?? [];
  if (!trail.some((s) => s.step !== "base" && s.from !== s.to)) return void 0;
  return trail.map((s) => s.step === "base" ? `base ${s.to}` : `${s.step} ${s.to}${s.reason ? ` (${s.reason})` : ""}`).join(" \u2192 ");
}
function detailBlock(f, t, n) {
  const out = [
    `### ${n}. ${SEVERITY_LABEL[f.severity]}: ${escapeText(KIND_LABEL2[f.kind])} in ${location(f, t)}`,
    "",
    `Token (redacted): ${codeSpan(f.redacted)}`,
    `Fingerprint: ${codeSpan(f.fingerprint)}${f.confidence === "low" ? " \xB7 low confidence" : ""}`,
    ""
  ];
  if (f.verification) out.push(`**${escapeText(verificationLine(f.verification))}**`, "");
  const trail = trailLine(f);
  if (trail) out.push(`Severity: ${escapeText(trail)}`, "");
  const why = [
    ...f.reasons.map((r) => `- ${markdownText(reasonText(r))}`),
    ...f.violations.map((v) => `- Breaks the repository policy (${codeSpan(v.rule)}): ${escapeText(v.message)}`),
    ...f.origin ? [`- First committed in ${codeSpan(f.origin.commit.slice(0, 12))} as ${codeSpan(toPosixPath(f.origin.path))}.`] : [],
    ...exposureLine(f) ? [`- **Exposure:** ${escapeText(exposureLine(f))}`] : [],
    ...(f.notes ?? []).map((note) => `- Note: ${escapeText(note)}`)
  ];
  if (why.length > 0) out.push("**Why**", "", ...why, "");
  const steps = stepsOf(f);
  if (steps.length > 0) out.push("**How to fix, in this order**", "", ...steps.map((s, i) => `${i + 1}. ${markdownText(s.text)}`), "");
  return out;
}

// src/report/utf8.ts
function utf8Bytes(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) bytes += 1;
    else if (c < 2048) bytes += 2;
    else if (c >= 55296 && c <= 56319 && i + 1 < text.length && (text.charCodeAt(i + 1) & 64512) === 56320) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
function truncateUtf8(text, maxBytes, marker = "\u2026") {
  if (text.length * 3 <= maxBytes || utf8Bytes(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Bytes(marker);
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = utf8Bytes(ch);
    if (bytes + n > budget) break;
    bytes += n;
    end += ch.length;
  }
  return text.slice(0, end) + marker;
}

// src/report/check-run-summary.ts
var MAX_SUMMARY_BYTES = 65535;
var RESERVED_BYTES = 1500;
var MAX_LISTED_CONFIG_ERRORS = 20;
var fitSummary = (summary) => truncateUtf8(summary, MAX_SUMMARY_BYTES, "\n\n\u2026 (cut to fit GitHub's limit of 65,535 bytes)");
var size = (lines) => lines.reduce((n, l) => n + utf8Bytes(l) + 1, 0);
var Budget = class {
  constructor(remaining) {
    this.remaining = remaining;
  }
  remaining;
  lines = [];
  /** All or nothing: a block is either whole in the summary or counted as left out. */
  add(block) {
    if (size(block) > this.remaining) return false;
    this.remaining -= size(block);
    this.lines.push(...block);
    return true;
  }
};
var inWords = (counts) => SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(", ");
function head(report) {
  const active = activeFindings(report);
  const suppressed = report.findings.length - active.length;
  const failing = failingFindings(report).length;
  const found = active.length > 0 ? `**${plural(active.length, "Azure credential")} found** (${inWords(countBySeverity(active))}).` : "**No Azure credentials found.**";
  const verdict = failing > 0 ? `**Failing:** ${plural(failing, "finding")} at or above ${codeSpan(report.failOn)} (the ${codeSpan("failOn")} threshold).` : `**Passing:** nothing at or above ${codeSpan(report.failOn)} (the ${codeSpan("failOn")} threshold).`;
  const out = [`${found} ${verdict}${suppressed > 0 ? ` ${plural(suppressed, "finding")} suppressed (listed below).` : ""}`, ""];
  if (active.length > 0) out.push("**Revoke first, then delete:** deleting the line does not revoke a token. Each finding's first action is in the table.", "");
  if (report.incomplete.length > 0) {
    out.push("> **Not everything was scanned**, so a token may have been missed:");
    for (const i of report.incomplete) out.push(`> - ${escapeText(truncate(i, 500))}`);
    out.push("");
  }
  if ((report.omitted ?? []).length > 0) {
    out.push("> **More findings than are listed** (the 1,000 most severe per file are detailed):");
    for (const o of report.omitted ?? []) out.push(`> - ${codeSpan(o.path)}: ${o.count.toLocaleString("en-US")} more, the worst ${o.maxSeverity}`);
    out.push("");
  }
  if (report.configErrors.length > 0) {
    out.push(`### Configuration problems in ${codeSpan(report.configSource)}`, "", "The scan ran with the defaults for these keys:");
    for (const e of report.configErrors.slice(0, MAX_LISTED_CONFIG_ERRORS)) out.push(`- ${escapeText(truncate(e, 500))}`);
    const more = report.configErrors.length - MAX_LISTED_CONFIG_ERRORS;
    if (more > 0) out.push(`- \u2026 and ${more} more: run ${codeSpan("npx sas-guard scan")} locally to see them all.`);
    out.push("");
  }
  return out;
}
function details(budget, summary, header, items, what) {
  if (items.length === 0) return 0;
  const open = [`<details><summary>${summary}</summary>`, "", ...header];
  const close = ["", "</details>", ""];
  const tailRoom = 120;
  const inner = new Budget(Math.max(0, budget.remaining - size(open) - size(close) - tailRoom));
  let shown = 0;
  while (shown < items.length && inner.add([items[shown]])) shown++;
  if (shown === 0) return items.length;
  const more = items.length - shown;
  budget.add([...open, ...inner.lines, ...more > 0 ? ["", `\u2026 and ${more} more ${what} not shown.`] : [], ...close]);
  return more;
}
function suppressionText(f) {
  const s = f.suppression;
  return `${s.by === "inline" ? "inline comment" : "allowlist"}: ${s.reason}${s.expires ? ` (until ${s.expires})` : ""}`;
}
function renderSummary(report, target) {
  const top = head(report);
  const { files, ms } = report.stats;
  const footer = [
    "---",
    `Config: ${codeSpan(report.configSource)} \xB7 ${plural(files, "file")} scanned in ${ms} ms \xB7 SAS Guard never shows a whole signature or key.`
  ];
  const body = new Budget(MAX_SUMMARY_BYTES - size(top) - size(footer) - RESERVED_BYTES);
  const active = activeFindings(report);
  let tabled = 0;
  if (active.length > 0 && body.add([...TABLE_HEAD])) {
    while (tabled < active.length && body.add([findingRow(active[tabled], target)])) tabled++;
    body.add(tabled < active.length ? ["", `\u2026 ${plural(active.length - tabled, "more finding")} not shown in this table.`, ""] : [""]);
  }
  let detailed = 0;
  while (detailed < active.length && body.add(detailBlock(active[detailed], target, detailed + 1))) detailed++;
  if (detailed < active.length) body.add([`\u2026 ${plural(active.length - detailed, "more finding")} not detailed here.`, ""]);
  const suppressed = suppressedFindings(report);
  const suppressedLeft = details(
    body,
    `Suppressed findings (${suppressed.length})`,
    [row(["Location", "Kind", "Severity", "Fingerprint", "Why suppressed"]), row(Array(5).fill("---"))],
    suppressed.map(
      (f) => row([
        location(f, target),
        escapeText(KIND_LABEL2[f.kind]),
        SEVERITY_LABEL[f.severity],
        codeSpan(f.fingerprint, { inTable: true }),
        escapeText(suppressionText(f))
      ])
    ),
    "suppressed findings"
  );
  const skippedLeft = details(
    body,
    `Skipped files (${report.skipped.length})`,
    [],
    report.skipped.map((s) => `- ${codeSpan(toPosixPath(s.path))}: ${escapeText(s.reason)}`),
    "skipped files"
  );
  const note = truncationNote(active.length - tabled, active.length, active.length - detailed, suppressedLeft, skippedLeft);
  return fitSummary([...top, ...note, ...body.lines, ...footer].join("\n"));
}
function truncationNote(untabled, total, undetailed, suppressedLeft, skippedLeft) {
  if (untabled + undetailed + suppressedLeft + skippedLeft === 0) return [];
  const left = [];
  if (untabled > 0) left.push(`${untabled} of ${total} findings are left out of the table`);
  if (undetailed > 0) left.push(`${plural(undetailed, "finding")} ${undetailed === 1 ? "has" : "have"} no detail section`);
  if (suppressedLeft > 0) left.push(`${plural(suppressedLeft, "suppressed finding")} not listed`);
  if (skippedLeft > 0) left.push(`${plural(skippedLeft, "skipped file")} not listed`);
  return [
    `> **This summary is shortened** to fit GitHub's limit of 65,535 bytes: ${left.join("; ")}.`,
    "> Every unsuppressed finding is annotated on its line (see **Files changed** or the annotations of this check run);",
    `> ${codeSpan("npx sas-guard scan --format json")} (or ${codeSpan("--format sarif")}) lists everything.`,
    ""
  ];
}

// src/report/escape.ts
var CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
var plainLine = (text) => text.replace(/[\r\n]+/g, " ").replace(CONTROLS_BUT_LINE_BREAKS, "");

// src/report/check-run-annotations.ts
var MAX_ANNOTATION_TITLE = 255;
var MAX_ANNOTATION_BYTES = 64 * 1024;
var ANNOTATION_LEVEL = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice"
};
var CUT_MARKER = "\n\u2026 (cut to fit GitHub's 64 KB limit)";
var truncateUtf82 = (text, maxBytes) => truncateUtf8(text, maxBytes, CUT_MARKER);
function annotationMessage(f) {
  const lines = [f.summary];
  if (f.reasons.length > 0) lines.push("", "Why:", ...f.reasons.map((r) => `- ${r.message}`));
  if (f.violations.length > 0) lines.push("", "Breaks the repository policy:", ...f.violations.map((v) => `- ${v.rule}: ${v.message}`));
  for (const n of f.notes ?? []) lines.push("", `Note: ${n}`);
  if (f.remediation.length > 0) lines.push("", "How to fix:", ...f.remediation.map((s, i) => `${i + 1}. ${s}`));
  return lines.join("\n");
}
function toAnnotation(f) {
  const columns = f.endColumn > f.column ? { start_column: f.column, end_column: f.endColumn } : {};
  return {
    path: toPosixPath(f.path),
    start_line: f.line,
    end_line: f.line,
    ...columns,
    annotation_level: ANNOTATION_LEVEL[f.severity],
    // the annotation already sits on the file, so the headline without " in <path>"
    title: truncate(plainLine(headline(f, { withPath: false })), MAX_ANNOTATION_TITLE),
    message: truncateUtf82(annotationMessage(f), MAX_ANNOTATION_BYTES),
    raw_details: truncateUtf82(`Token (redacted): ${f.redacted}
Fingerprint: ${f.fingerprint}`, MAX_ANNOTATION_BYTES)
  };
}
var toAnnotations = (report) => activeFindings(report).map(toAnnotation);

// src/report/render-markdown.ts
var MAX_TITLE_CHARS = 255;
function checkRunTitle(report) {
  const active = activeFindings(report);
  const suppressed = report.findings.length - active.length;
  if (active.length > 0) {
    const others = active.length - 1;
    const suffix = others > 0 ? ` (and ${plural(others, "more finding")})` : "";
    return truncate(plainLine(headline(active[0])), MAX_TITLE_CHARS - suffix.length) + suffix;
  }
  const base = report.incomplete.length > 0 ? "Scan incomplete: no Azure credentials found in what was scanned" : "No Azure credentials found";
  return truncate(suppressed > 0 ? `${base} (${suppressed} suppressed)` : base, MAX_TITLE_CHARS);
}
function renderCheckRun(report, target) {
  return {
    title: checkRunTitle(report),
    summary: renderSummary(report, target),
    annotations: toAnnotations(report)
  };
}

// src/scan/pool/wire.ts
var FINDINGS_PAGE = 100;
function pageFindings(r) {
  if ("notScanned" in r || r.findings.length <= FINDINGS_PAGE) return { head: r };
  const pages = [];
  for (let i = 0; i < r.findings.length; i += FINDINGS_PAGE) pages.push(JSON.stringify(r.findings.slice(i, i + FINDINGS_PAGE)));
  return { head: { ...r, findings: [] }, pages };
}
var SLOT_DOC = 0;
var SLOT_STARTED = 1;
var SLOT_BATCH = 2;
var SEP = "\0";
function decodeDocs(m) {
  const paths = m.paths.split(SEP);
  const d = m.docs;
  if ("files" in d) {
    const files = d.files.split(SEP);
    return paths.map((path, i) => ({ path, file: files[i], maxBytes: d.maxBytes }));
  }
  if ("texts" in d) return paths.map((path, i) => ({ path, text: d.texts[i] }));
  return paths.map((path, i) => ({ path, bytes: d.bytes[i] }));
}
function toWire(r) {
  if ("notScanned" in r) return { notScanned: r.notScanned, incomplete: r.incomplete };
  return {
    bytes: r.bytes,
    omitted: r.omitted,
    ...r.omittedMaxSeverity ? { omittedMaxSeverity: r.omittedMaxSeverity } : {},
    findings: r.findings.map(({ secret, ...rest }) => ({ ...rest, secretValue: secret.reveal(), secretRedacted: secret.redacted }))
  };
}

// src/scan/pool/off-thread-render.ts
function renderCheckRunPages(input) {
  const { report, target } = JSON.parse(input[0]);
  const findings = input.slice(1).flatMap((page) => JSON.parse(page));
  const out = renderCheckRun({ ...report, findings }, target);
  const pages = [JSON.stringify({ title: out.title, summary: out.summary })];
  for (let i = 0; i < out.annotations.length; i += FINDINGS_PAGE) pages.push(JSON.stringify(out.annotations.slice(i, i + FINDINGS_PAGE)));
  return pages;
}

// src/scan/pool/scan-worker.ts
var data = workerData;
var slots = new Float64Array(data.slots);
var faults = process.env.NODE_ENV === "test" ? data.faults : void 0;
var configs = /* @__PURE__ */ new Map();
function lowerThreadPriority(niceness) {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isSafeInteger(tid) && tid > 0 && getPriority(tid) < niceness) setPriority(tid, niceness);
  } catch {
  }
}
if (data.niceness) lowerThreadPriority(data.niceness);
function injectFault(doc) {
  if (faults?.hangOn && doc.path.includes(faults.hangOn)) for (; ; ) ;
  if (faults?.crashOn && doc.path.includes(faults.crashOn)) process.exit(70);
}
var TASKS = { "check-run-output": renderCheckRunPages };
function runTask(m) {
  slots[SLOT_BATCH] = m.batchId;
  slots[SLOT_STARTED] = Date.now();
  slots[SLOT_DOC] = 0;
  let done;
  try {
    done = { batchId: m.batchId, output: TASKS[m.task](m.input) };
  } catch (error) {
    done = { batchId: m.batchId, failed: error instanceof Error ? error.name : "Error" };
  }
  slots[SLOT_DOC] = -1;
  parentPort.postMessage(done);
}
parentPort.on("message", (m) => {
  if ("task" in m) return runTask(m);
  if (m.config) configs.set(m.configId, buildScanConfig({ config: m.config, source: "", errors: [] }));
  if (m.forget !== void 0) configs.delete(m.forget);
  const config = configs.get(m.configId);
  const now = new Date(m.nowMs);
  const docs = decodeDocs(m);
  const done = { batchId: m.batchId, bytes: new Float64Array(docs.length), special: [] };
  slots[SLOT_BATCH] = m.batchId;
  for (let i = 0; i < docs.length; i++) {
    slots[SLOT_STARTED] = Date.now();
    slots[SLOT_DOC] = i;
    if (faults) injectFault(docs[i]);
    try {
      const r = scanOne(docs[i], config, now, m.maxFindings);
      if ("notScanned" in r || r.findings.length > 0) {
        const { head: head2, pages } = pageFindings(toWire(r));
        done.special.push([i, head2]);
        if (pages) (done.pages ??= []).push([i, pages]);
      } else done.bytes[i] = r.bytes;
    } catch {
      done.special.push([i, { notScanned: "scanner failed on this document", incomplete: true }]);
    }
  }
  slots[SLOT_DOC] = -1;
  parentPort.postMessage(done, [done.bytes.buffer]);
});
