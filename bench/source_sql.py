#!/usr/bin/env python3
"""Prints the SQL text that a C++ function of server/ sends, read from the source.

    source_sql.py FILE FUNCTION [N]

FUNCTION is a function defined in FILE; the SQL is the first argument of its N-th (default 1st)
query call (`conn.query(...)` or `conn->query(...)`), evaluated as a C++ string expression:
string literals (adjacent ones joined, escapes undone), `+`, `std::string(...)` and
`std::string_view(...)`, `constexpr std::string_view` constants of FILE and of the headers it
includes, and calls of FILE's one-line string functions (`std::string name(params) { return ...; }`,
default arguments included). That covers how server/repo builds its statements; anything else
(a loop, a ternary) is an error, so the benchmarks stop rather than compare against a wrong text.
The benchmarks (bench/lib.sh, source_sql) compare the result with their own copy of the SQL.
"""
import os
import re
import sys

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), '..'))


class Unsupported(Exception):
    pass


def tokens(text):
    """C++ tokens that matter here: string literals (unescaped), names (with ::), punctuation."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith('//', i):
            i = text.index('\n', i) if '\n' in text[i:] else len(text)
        elif text.startswith('/*', i):
            i = text.index('*/', i) + 2
        elif c == '"':
            j, buf = i + 1, []
            while text[j] != '"':
                if text[j] == '\\':
                    buf.append({'n': '\n', 't': '\t'}.get(text[j + 1], text[j + 1]))
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            out.append(('str', ''.join(buf)))
            i = j + 1
        elif c.isalpha() or c == '_':
            m = re.compile(r'[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*').match(text, i)
            out.append(('name', m.group()))
            i = m.end()
        elif c.isdigit():
            m = re.compile(r'\d+').match(text, i)
            out.append(('num', m.group()))
            i = m.end()
        else:
            out.append(('punct', c))
            i += 1
    return out


class Source:
    def __init__(self, path):
        self.text = open(os.path.join(ROOT, path)).read()
        self.constants = {}
        self.functions = {}
        for header in re.findall(r'^#include "([^"]+)"', self.text, re.M):
            if os.path.exists(os.path.join(ROOT, header)):
                self._read_constants(open(os.path.join(ROOT, header)).read())
        self._read_constants(self.text)
        # One-line string functions: std::string name(params) { return EXPR; }
        for m in re.finditer(r'^std::string (\w+)\(([^)]*)\)\s*\{\s*return\b(.*?);\s*\}', self.text, re.M | re.S):
            params = []
            for p in filter(None, (p.strip() for p in m.group(2).split(','))):
                declaration, _, default = p.partition('=')
                params.append((declaration.split()[-1].lstrip('&*'), default.strip() or None))
            self.functions[m.group(1)] = (params, m.group(3))

    def _read_constants(self, text):
        for m in re.finditer(r'constexpr std::string_view (\w+)\s*=(.*?);', text, re.S):
            self.constants[m.group(1)] = self.evaluate(m.group(2), {})

    def evaluate(self, expression, env):
        toks = tokens(expression)
        value, i = self._expr(toks, 0, env)
        if i != len(toks):
            raise Unsupported(f'cannot read {expression!r} past token {i}: {toks[i:i + 3]}')
        return value

    def _expr(self, toks, i, env):
        value, i = self._term(toks, i, env)
        while i < len(toks) and toks[i] == ('punct', '+'):
            more, i = self._term(toks, i + 1, env)
            value += more
        return value, i

    def _args(self, toks, i, env):
        """The arguments after an opening parenthesis at toks[i - 1]; returns them and the index past ')'."""
        args = []
        if toks[i] == ('punct', ')'):
            return args, i + 1
        while True:
            value, i = self._expr(toks, i, env)
            args.append(value)
            if toks[i] == ('punct', ')'):
                return args, i + 1
            if toks[i] != ('punct', ','):
                raise Unsupported(f'unexpected {toks[i]}')
            i += 1

    def _term(self, toks, i, env):
        kind, text = toks[i]
        if kind == 'str':
            value = ''
            while i < len(toks) and toks[i][0] == 'str':
                value += toks[i][1]
                i += 1
            return value, i
        if (kind, text) == ('punct', '('):
            value, i = self._expr(toks, i + 1, env)
            if toks[i] != ('punct', ')'):
                raise Unsupported('unbalanced parentheses')
            return value, i + 1
        if kind != 'name':
            raise Unsupported(f'unexpected {toks[i]}')
        if i + 1 < len(toks) and toks[i + 1] == ('punct', '('):
            args, after = self._args(toks, i + 2, env)
            if text in ('std::string', 'std::string_view'):
                if len(args) != 1:
                    raise Unsupported(f'{text} with {len(args)} arguments')
                return args[0], after
            if text not in self.functions:
                raise Unsupported(f'call of {text}(), not a one-line string function of this file')
            params, body = self.functions[text]
            if len(args) > len(params):
                raise Unsupported(f'too many arguments to {text}()')
            scope = {}
            for k, (name, default) in enumerate(params):
                if k < len(args):
                    scope[name] = args[k]
                elif default is not None:
                    scope[name] = self.evaluate(default, {})
                else:
                    raise Unsupported(f'missing argument {name} of {text}()')
            return self.evaluate(body, scope), after
        if text in env:
            return env[text], i + 1
        if text in self.constants:
            return self.constants[text], i + 1
        raise Unsupported(f'unknown name {text}')

    def query_sql(self, function, nth):
        m = re.search(r'^[^\n;{}()]*\b' + re.escape(function) + r'\(([^)]*)\)\s*(?:const\s*)?\{', self.text, re.M)
        if not m:
            raise Unsupported(f'no definition of {function}()')
        calls = list(re.finditer(r'\bconn(?:\.|->)query\(', self.text[m.end():]))
        body_end = self._body_end(m.end())
        calls = [c for c in calls if m.end() + c.start() < body_end]
        if len(calls) < nth:
            raise Unsupported(f'{function}() has {len(calls)} query calls, not {nth}')
        toks = tokens(self.text[m.end() + calls[nth - 1].end():body_end])
        value, i = self._expr(toks, 0, {})
        if toks[i] not in (('punct', ','), ('punct', ')')):
            raise Unsupported(f'the SQL argument of {function}() ends oddly: {toks[i]}')
        return value

    def _body_end(self, start):
        """Index of the brace closing the body opened just before `start` (strings and comments skipped)."""
        depth, i = 1, start
        while depth:
            c = self.text[i]
            if c == '"':
                i += 1
                while self.text[i] != '"':
                    i += 2 if self.text[i] == '\\' else 1
            elif self.text.startswith('//', i):
                i = self.text.index('\n', i)
            elif c == '{':
                depth += 1
            elif c == '}':
                depth -= 1
            i += 1
        return i


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    path, function = sys.argv[1:3]
    nth = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    try:
        print(Source(path).query_sql(function, nth))
    except (Unsupported, OSError, ValueError, IndexError) as e:
        sys.exit(f'source_sql.py: {path}: {function}: {e}')


if __name__ == '__main__':
    main()
