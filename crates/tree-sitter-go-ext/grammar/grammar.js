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
 * We extend the published grammar instead of forking it: every node kind and
 * field name of tree-sitter-go 0.25.0 stays as it is (go-analyzer's lowering
 * matches on them); this file only widens two rules and adds one conflict.
 * See ../README.md for how to regenerate src/.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const base = require('tree-sitter-go/grammar');

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
    special_argument_list: $ => seq(
      '(',
      optional(seq(
        choice(prec.dynamic(2, $._type), $._expression),
        repeat(seq(',', $._expression)),
        optional(','),
      )),
      ')',
    ),
  },
});
