//! Recorded facts for the IDE, as go/types records them in `types.Info`: the type and mode of
//! every expression, the object every identifier defines or uses, and implicit objects.

use std::collections::HashMap;

use syntax::ast::ExprId;

use crate::constant::Value;
use crate::objects::ObjId;
use crate::types::TypeId;

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
}
