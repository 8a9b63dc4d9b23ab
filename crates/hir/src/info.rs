//! Recorded facts for the IDE, as go/types records them in `types.Info`: the type and mode of
//! every expression, the object every identifier defines or uses, implicit objects, the
//! field or method every selector selects, and the scope every scope-introducing node opens.
//!
//! Facts are keyed by where they were found: the index of the file among the package's files,
//! and an [`ExprId`] (expressions) or a start offset (names). Scopes are kept differently: the
//! nodes that open them (files, function declarations, literals and types, generic type
//! declarations, blocks, `if`/`for`/`range`/`switch` statements, case and comm clauses) are of
//! several kinds with no common id, and what the IDE asks is "which scope is the cursor in",
//! so [`Info::scopes`] is a list of (file, node range, scope) sorted by position, searched by
//! [`Info::innermost_scope`]. The ranges live here rather than in [`crate::world::Scope`]:
//! only the package being checked needs them, and the World also holds the scopes of every
//! imported package.

use std::collections::HashMap;

use syntax::TextRange;
use syntax::ast::ExprId;

use crate::constant::Value;
use crate::objects::ObjId;
use crate::types::TypeId;
use crate::world::ScopeId;

/// Where a fact was found: the index of the file among the package's files, and the node.
pub type FileExpr = (u32, ExprId);

#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub ty: TypeId,
    /// The constant value, for constant expressions.
    pub value: Option<Value>,
    /// Whether the expression denotes a type.
    pub is_type: bool,
}

/// What a selector `x.f` denotes (go/types' `SelectionKind`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SelectionKind {
    /// `x.f` is a struct field.
    FieldVal,
    /// `x.f` is a method value: the method bound to `x`.
    MethodVal,
    /// `T.f` (or `(*T).f`) is a method expression: the method with its receiver as first
    /// parameter.
    MethodExpr,
}

/// The field or method a selector `x.f` selects (go/types' `Selection`). Qualified
/// identifiers `pkg.Name` have none: they only record a use of `Name`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Selection {
    pub kind: SelectionKind,
    /// The type of `x`; for a method expression, the type `T` in `T.f`.
    pub recv: TypeId,
    /// The field (a variable) or method (a function); for an instance of a generic type, the
    /// field or method of the instance.
    pub obj: ObjId,
    /// The path from `x` to `f`: the indices of the embedded fields walked through, the last
    /// one the index of `f` among the fields or methods of the type declaring it.
    pub index: Vec<usize>,
    /// Whether a pointer was dereferenced on the way from `x` to `f` (`x` itself, or an
    /// embedded pointer field).
    pub indirect: bool,
}

/// The scope a node opens, with the node's place in the source.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NodeScope {
    /// The index of the file among the package's files.
    pub file: u32,
    /// The node's range; for a function, the whole declaration or literal (signature and
    /// body), for a file, the whole text, as go/types' `Scope.Pos`/`End`.
    pub range: TextRange,
    pub scope: ScopeId,
}

#[derive(Debug, Default)]
pub struct Info {
    /// Types (and constant values) of expressions.
    pub types: HashMap<FileExpr, TypeAndValue>,
    /// Identifiers that declare an object, by (file index, start offset of the name).
    pub defs: HashMap<(u32, u32), ObjId>,
    /// Identifiers (name expressions and selector names) that use an object.
    pub uses: HashMap<(u32, u32), ObjId>,
    /// Objects declared implicitly: a type switch clause's variable, keyed by the clause's
    /// start offset; an unnamed import's package name, keyed by the import spec's start offset.
    pub implicits: HashMap<(u32, u32), ObjId>,
    /// Selector expressions `x.f` that select a field or method (not qualified identifiers),
    /// by (file index, selector expression).
    pub selections: HashMap<FileExpr, Selection>,
    /// The scopes opened by scope-introducing nodes, as go/types' `Info.Scopes` (function
    /// bodies share their function's scope; a `select` statement opens none, its clauses do).
    /// One entry per node, sorted by (file, start, end descending): a scope nests in the
    /// nearest one before it that contains it. Use [`Info::innermost_scope`] and
    /// [`Info::node_scope`] rather than searching by hand.
    pub scopes: Vec<NodeScope>,
}

impl Info {
    /// The innermost scope of file `file` containing `offset` (go/types' `Scope.Innermost`;
    /// like go/types' `Scope.Contains`, a node's end is outside it), or `None` outside every
    /// recorded scope. Names are then found with [`crate::World::lookup_parent`].
    pub fn innermost_scope(&self, file: u32, offset: u32) -> Option<ScopeId> {
        // Of the scopes containing `offset` (they nest), the innermost starts last; of two
        // starting at the same place, the inner ends first, so comes later in the order.
        let end = self
            .scopes
            .partition_point(|s| (s.file, s.range.start) <= (file, offset));
        self.scopes[..end]
            .iter()
            .rev()
            .take_while(|s| s.file == file)
            .find(|s| s.range.contains(offset))
            .map(|s| s.scope)
    }

    /// The scope opened by the node at exactly `range` of file `file` (go/types'
    /// `Info.Scopes[node]`).
    pub fn node_scope(&self, file: u32, range: TextRange) -> Option<ScopeId> {
        let key = |s: &NodeScope| (s.file, s.range.start, std::cmp::Reverse(s.range.end));
        let want = (file, range.start, std::cmp::Reverse(range.end));
        let i = self.scopes.binary_search_by_key(&want, key).ok()?;
        Some(self.scopes[i].scope)
    }

    /// Puts [`Info::scopes`] in its documented order once checking is done: scopes are
    /// recorded in checking order (function bodies last), and a node checked more than once (a
    /// type shared by several variables, an expression repeated down a constant group) opens a
    /// scope each time, of which go/types' map keeps the last.
    pub(crate) fn sort_scopes(&mut self) {
        // Stable: entries for the same node stay in checking order, the last one last.
        self.scopes
            .sort_by_key(|s| (s.file, s.range.start, std::cmp::Reverse(s.range.end)));
        // `dedup_by` keeps the first of a run: move each later entry into its place instead.
        self.scopes.dedup_by(|later, kept| {
            let same = (later.file, later.range) == (kept.file, kept.range);
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
    }
}
