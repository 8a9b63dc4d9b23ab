/**
 * @file go-analyzer's extension of the tree-sitter-go 0.25.0 grammar.
 * @license MIT
 *
 * tree-sitter-go 0.25.0 predates two Go language changes:
 *
 *  - go1.26: the operand of the builtin `new` may be an expression
 *    (`new(42)`, `new(x + 1)`), not only a type.
 *  - go1.27: methods may declare type parameters
 *    (`func (r *Rand) M[T any](x T) T`).
 *
 * and it rejects code that Go's parser (go/parser, gofmt) accepts: code that
 * is ill-typed but syntactically fine, such as `make(T, args...)`,
 * `const c T`, `[...]T` outside composite literals, `~x`, labels before `}`,
 * type literals as operands (`struct{ T }.m`, `var f = func()`), `x.(type)`
 * outside a type switch, `if ; c {}`, `const ( c = 1 )`, `case 0:` in a type
 * switch. Our syntax layer must accept exactly what Go's parser accepts and
 * leave the rest to the type checker, so we accept these too; and we reject
 * `f(a..., b)` as Go does. crates/syntax/tests/vs_gofmt.rs checks all of
 * GOROOT/src and GOROOT/test against gofmt.
 *
 * We extend the published grammar instead of forking it: every node kind and
 * field name of tree-sitter-go 0.25.0 stays as it is (go-analyzer's lowering
 * matches on them) and no kind or field is added; each rule below says which
 * Go construct it admits. Where a new reading competes with an old one for the
 * same text, the old one wins (by dynamic or static precedence), so code that
 * parsed before gets the same tree. See ../README.md for how to regenerate
 * src/.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const base = require('tree-sitter-go/grammar');

// tree-sitter-go's precedences (its PREC table is not exported).
const PREC = {primary: 7, unary: 6, composite_literal: -1};

// The dynamic precedence of readings that only Go's "types are expressions"
// parsing needs: low enough to lose to any reading the base grammar has.
const TYPE_AS_EXPRESSION = -10;

// As in the base grammar: a newline or `;` ends a statement or spec.
const terminator = choice(/\n/, ';', '\0');

module.exports = grammar(base, {
  // Not 'go': the C entry point is tree_sitter_<name>, and the stock
  // tree-sitter-go crate's `tree_sitter_go` may be linked into the same binary.
  name: 'go_ext',

  conflicts: ($, previous) => previous.concat([
    // `func (r R) M[T, U any]`: at `M[T ,` the `T` may be a type parameter
    // name of the method or a type argument of `M` (reading the prefix as
    // the function type `func (r R) M[T, U]`, since top-level statements are
    // accepted). GLR settles it a few tokens later.
    [$.type_parameter_declaration, $._simple_type],
    // A type literal used as an operand (see _expression) that ends in a
    // type (`func() p`, `chan p`, `[]p`, `map[K]p`): at the `.` after `p`,
    // the `.` may qualify `p` (`func() p.T`, Go's reading, which wins by
    // dynamic precedence) or select from the type literal.
    [$._simple_type, $.qualified_type],
  ]),

  rules: {
    // As in the base grammar, plus an optional type parameter list after the
    // method name, under the same field name that function_declaration uses.
    method_declaration: $ => prec.right(1, seq(
      'func',
      field('receiver', $.parameter_list),
      field('name', $._field_identifier),
      field('type_parameters', optional($.type_parameter_list)),
      field('parameters', $.parameter_list),
      field('result', optional(choice($.parameter_list, $._simple_type))),
      field('body', optional($.block)),
    )),

    // Arguments of `new`/`make`: the first one may now be a type or an
    // expression. Where both readings parse (`new(T)`, `new(p.T)`, `new(*p)`)
    // the type wins, so those trees are the same as with the base grammar.
    // The last argument may be followed by `...` (a variadic_argument, as in
    // argument_list): go/parser accepts `make([]int, n...)`, `new(int...)`;
    // the type checker rejects them.
    special_argument_list: $ => seq(
      '(',
      optional(seq(
        choice(
          seq(
            choice(prec.dynamic(2, $._type), $._expression),
            repeat(seq(',', $._expression)),
            optional(seq(',', $.variadic_argument)),
          ),
          $.variadic_argument,
        ),
        optional(','),
      )),
      ')',
    ),

    // As in the base grammar, except that `...` may follow the last argument
    // only: go/parser rejects `f(a..., b)` ("expected ')'"), the base grammar
    // accepted it. Same tree for every call Go accepts.
    argument_list: $ => seq(
      '(',
      optional(seq(
        choice(
          seq(
            $._expression,
            repeat(seq(',', $._expression)),
            optional(seq(',', $.variadic_argument)),
          ),
          $.variadic_argument,
        ),
        optional(','),
      )),
      ')',
    ),

    // `const c T` (a type and no value) parses in Go; "missing init expr" is
    // the type checker's. Same fields as before.
    const_spec: $ => prec.left(seq(
      field('name', commaSep1($.identifier)),
      optional(choice(
        seq(
          optional(field('type', $._type)),
          '=',
          field('value', $.expression_list),
        ),
        field('type', $._type),
      )),
    )),

    // `const ( c = 1 )`, `var ( v T )`: Go needs no `;` before the closing
    // parenthesis, so the last spec's terminator is optional.
    const_declaration: $ => seq(
      'const',
      choice(
        $.const_spec,
        seq('(', optionalTrailingSep($.const_spec, terminator), ')'),
      ),
    ),

    var_spec_list: $ => seq(
      '(',
      optionalTrailingSep($.var_spec, terminator),
      ')',
    ),

    // `[...]T` is a type anywhere, not only as a composite literal's type:
    // `type A [...]int`, `[...]byte("x")` parse; the checker rejects them.
    _simple_type: ($, previous) => choice(
      previous,
      $.implicit_length_array_type,
    ),

    // Type literals are operands in Go's grammar (go/parser parses types as
    // expressions): `var f = func(int)`, `var e = interface{ I }`,
    // `struct{ T }.m`, `(interface{ m() }).m`, `[]byte("a", "b")`, `len([]int)`.
    // The base grammar has them only as heads of composite literals,
    // conversions and instantiations; those readings still win where they
    // apply (`interface{}(x)`, `[]int{1}`, `func() {}`).
    _expression: ($, previous) => choice(
      previous,
      prec.dynamic(TYPE_AS_EXPRESSION, choice(
        $.struct_type,
        $.interface_type,
        $.function_type,
        $.array_type,
        $.implicit_length_array_type,
        $.slice_type,
        $.map_type,
        $.channel_type,
      )),
    ),

    // As in the base grammar, except that a composite literal whose type is a
    // type literal (`[]int{1}`, `map[K]V{}`, `struct{}{}`) now shifts its `{`
    // over reading the type alone as an operand (see _expression): in
    // `for range []int{1} {`, `{1}` is the literal's body, as in Go, not the
    // loop's. A type name followed by `{` still ends the expression before a
    // block (`if x == T {`), as in the base grammar.
    composite_literal: $ => choice(
      prec(PREC.composite_literal, seq(
        field('type', choice(
          $._type_identifier,
          $.generic_type,
          $.qualified_type,
        )),
        field('body', $.literal_value),
      )),
      // (The precedence between type and body is the enclosing one; the
      // reduction's, as before, is the body's.)
      prec(1, seq(
        field('type', choice(
          $.map_type,
          $.slice_type,
          $.array_type,
          $.implicit_length_array_type,
          $.struct_type,
        )),
        field('body', prec(PREC.composite_literal, $.literal_value)),
      )),
    ),

    // Unary `~x` parses in Go (the checker says "cannot use ~ outside of
    // interface or type constraint").
    unary_expression: $ => prec(PREC.unary, seq(
      field('operator', choice('+', '-', '!', '^', '*', '&', '<-', '~')),
      field('operand', $._expression),
    )),

    // `x.(type)` parses anywhere in Go, not only in a type switch header
    // (`f[x.(type)]()`, `v, ok := x.(type)`); the checker reports "use of
    // .(type) outside type switch". No `type` field then, as go/ast's nil
    // Type. Its closing `)` has a lower precedence than the type switch's `{`
    // so that `switch x.(type) {` stays a type switch.
    type_assertion_expression: $ => prec(PREC.primary, seq(
      field('operand', $._expression),
      '.',
      '(',
      choice(
        seq(field('type', $._type), ')'),
        seq('type', prec(-1, ')')),
      ),
    )),

    // Labels right before `}`: go/parser gives a label with nothing after it
    // an empty statement when `}` follows, so `L1: L2: }` (and `L1:` newline
    // `L2:` newline `}`: no semicolon is inserted after `:`) parses, as
    // L1 labeling `L2: <empty>`. The base grammar allows only one.
    empty_labeled_statement: $ => seq(
      field('label', alias($.identifier, $.label_name)),
      ':',
      optional(alias($.empty_labeled_statement, $.labeled_statement)),
    ),

    // `if ; c {}`, `switch ; {}`: the simple statement before `;` may be
    // empty in Go.
    if_statement: $ => seq(
      'if',
      optional(seq(
        optional(field('initializer', $._simple_statement)),
        ';',
      )),
      field('condition', $._expression),
      field('consequence', $.block),
      optional(seq(
        'else',
        field('alternative', choice($.block, $.if_statement)),
      )),
    ),

    expression_switch_statement: $ => seq(
      'switch',
      optional(seq(
        optional(field('initializer', $._simple_statement)),
        ';',
      )),
      field('value', optional($._expression)),
      '{',
      repeat(choice($.expression_case, $.default_case)),
      '}',
    ),

    _type_switch_header: $ => seq(
      optional(seq(
        optional(field('initializer', $._simple_statement)),
        ';',
      )),
      optional(seq(field('alias', $.expression_list), ':=')),
      field('value', $._expression),
      '.',
      '(',
      'type',
      ')',
    ),

    // A type switch case lists expressions in go/parser (`case 0:` parses;
    // the checker says "0 is not a type"). Where a type reading exists it
    // wins, so `case int, *T, p.T:` keep their trees. Expressions make the
    // keyword `nil` valid here, so the lexer now returns it instead of an
    // identifier: `case nil:` keeps its old tree (a type_identifier) by way
    // of an alias.
    type_case: $ => seq(
      'case',
      field('type', commaSep1(choice(
        $._type,
        $._type_case_nil,
        prec.dynamic(TYPE_AS_EXPRESSION, $._expression),
      ))),
      ':',
      optional($.statement_list),
    ),

    // `nil` in a type switch case, read as a type name rather than as the
    // expression `nil` (static precedence: no GLR split).
    _type_case_nil: $ => prec(1, alias($.nil, $.type_identifier)),
  },
});

// The base grammar's helpers (not exported by tree-sitter-go).

/**
 * One or more `rule` separated by commas.
 *
 * @param {Rule} rule
 * @returns {SeqRule}
 */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}

/**
 * Zero or more `rule` separated by `separator`, with an optional trailing one.
 *
 * @param {RuleOrLiteral} rule
 * @param {RuleOrLiteral} separator
 */
function optionalTrailingSep(rule, separator) {
  return optional(seq(rule, repeat(seq(separator, rule)), optional(separator)));
}
