//! Operands: the result of evaluating an expression (its mode, type and constant value), and
//! their description in messages (`x (variable of type int)`), as go/types words it.

use syntax::ast::ExprId;

use crate::constant::Value;
use crate::objects::Builtin;
use crate::types::{Type, TypeId, ids};
use crate::typestring::Qualifier;
use crate::world::World;

#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// The operand is invalid (an error was reported).
    Invalid,
    /// A call of a function without results.
    NoValue,
    Builtin(Builtin),
    TypeExpr,
    Constant(Value),
    /// An addressable variable.
    Variable,
    /// `m[k]`: assignable, not addressable, comma-ok on the right of an assignment.
    MapIndex,
    Value,
    /// A value that may be used in a comma-ok assignment (receive, type assertion).
    CommaOk,
}

#[derive(Clone, Debug)]
pub struct Operand {
    pub mode: Mode,
    /// The expression in the current file, if any (for messages and positions).
    pub expr: Option<ExprId>,
    pub ty: TypeId,
}

impl Operand {
    pub fn invalid(expr: Option<ExprId>) -> Operand {
        Operand {
            mode: Mode::Invalid,
            expr,
            ty: ids::INVALID,
        }
    }

    pub fn is_invalid(&self) -> bool {
        self.mode == Mode::Invalid
    }

    pub fn value(&self) -> Option<&Value> {
        match &self.mode {
            Mode::Constant(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_constant(&self) -> bool {
        matches!(self.mode, Mode::Constant(_))
    }

    /// The untyped `nil` (go/types: mode value, type untyped nil).
    pub fn is_nil(&self, world: &World) -> bool {
        self.mode == Mode::Value
            && world.basic_kind(self.ty) == Some(crate::types::BasicKind::UntypedNil)
    }

    /// go/types' mode names, as used in messages.
    pub fn mode_name(&self) -> &'static str {
        match self.mode {
            Mode::Invalid => "invalid operand",
            Mode::NoValue => "no value",
            Mode::Builtin(_) => "built-in",
            Mode::TypeExpr => "type",
            Mode::Constant(_) => "constant",
            Mode::Variable => "variable",
            Mode::MapIndex => "map index expression",
            Mode::Value => "value",
            Mode::CommaOk => "comma, ok expression",
        }
    }

    /// The operand as go/types' `operandString` describes it; `expr` is the expression's
    /// `ExprString` (empty when there is none).
    pub fn describe(&self, world: &World, expr: &str, qf: Qualifier<'_>) -> String {
        if self.mode == Mode::Value
            && world.basic_kind(self.ty) == Some(crate::types::BasicKind::UntypedNil)
        {
            return "nil".into();
        }
        let mut expr = expr.to_string();
        if expr.is_empty() {
            match &self.mode {
                Mode::Builtin(b) => expr = b.name().into(),
                Mode::TypeExpr => expr = world.type_string_in_message(self.ty, qf),
                Mode::Constant(v) => expr = v.to_string(),
                _ => {}
            }
        }
        let mut buf = String::new();
        if !expr.is_empty() {
            buf.push_str(&expr);
            buf.push_str(" (");
        }
        let mut has_type = false;
        match self.mode {
            Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypeExpr => {}
            _ => {
                if world.is_untyped(self.ty) {
                    if let Type::Basic { name, .. } = world.ty(world.unalias(self.ty)) {
                        buf.push_str(name);
                        buf.push(' ');
                    }
                } else {
                    has_type = true;
                }
            }
        }
        buf.push_str(self.mode_name());
        if let Mode::Constant(v) = &self.mode {
            let s = v.to_string();
            if s != expr {
                buf.push(' ');
                buf.push_str(&s);
            }
        }
        if has_type {
            if world.is_valid(self.ty) {
                let mut desc = String::new();
                // An alias of a type parameter describes the constraint instead (below).
                if matches!(world.ty(self.ty), Type::Named(_) | Type::Alias(_))
                    && !world.is_type_param(self.ty)
                {
                    let what = composite_kind(world, self.ty);
                    let what = if what.is_empty() {
                        match world.ty(world.under(self.ty)) {
                            Type::Basic { name, .. } => *name,
                            _ => "",
                        }
                    } else {
                        what
                    };
                    desc = format!("{what} ");
                }
                buf.push_str(" of ");
                buf.push_str(&desc);
                buf.push_str("type ");
                buf.push_str(&world.type_string_in_message(self.ty, qf));
                if let Type::TypeParam { bound, .. } = world.ty(world.unalias(self.ty)) {
                    buf.push_str(" constrained by ");
                    buf.push_str(&world.type_string_in_message(*bound, qf));
                    if world.type_set(self.ty).is_empty() {
                        buf.push_str(" with empty type set");
                    }
                }
            } else {
                buf.push_str(" with invalid type");
            }
        }
        if !expr.is_empty() {
            buf.push(')');
        }
        buf
    }
}

/// go/types' `compositeKind`: the kind of composite type, or "" for basic types.
pub fn composite_kind(world: &World, ty: TypeId) -> &'static str {
    match world.ty(world.under(ty)) {
        Type::Basic { .. } => "",
        Type::Array { .. } => "array",
        Type::Slice(_) => "slice",
        Type::Struct(_) => "struct",
        Type::Pointer(_) => "pointer",
        Type::Signature(_) => "func",
        Type::Interface(_) => "interface",
        Type::Map { .. } => "map",
        Type::Chan { .. } => "chan",
        Type::Tuple(_) => "tuple",
        Type::Named(_) | Type::Alias(_) | Type::TypeParam { .. } | Type::Union(_) => "",
    }
}
