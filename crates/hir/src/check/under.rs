//! go/types' `commonUnder`: the common underlying type of the types in an operand's type set,
//! with the reason (printed in messages) when there is none. Operations on type parameters
//! (calls, channel operations, range, composite literals) go through it so that their errors
//! say why the type set does not work, not only that it does not.

use crate::check::Checker;
use crate::types::{ChanDir, Type, TypeId};

/// One (type, underlying type) pair of a type set; `None` for a type set without specific
/// types (go/types' `(nil, nil)`).
pub(crate) type TypeUnder = Option<(TypeId, TypeId)>;

impl Checker<'_> {
    /// The (type, underlying type) pairs of the specific types in `t`'s type set: for a type
    /// parameter its constraint's terms (a single `None` without terms), for other types `t`
    /// itself. Never empty.
    pub(crate) fn type_set_pairs(&self, t: TypeId) -> Vec<TypeUnder> {
        let w = &*self.world;
        if !w.is_type_param(t) {
            return vec![Some((t, w.under(t)))];
        }
        let set = w.type_set(t);
        if set.all || set.terms.is_empty() {
            return vec![None];
        }
        set.terms
            .iter()
            .map(|term| Some((term.ty, w.under(term.ty))))
            .collect()
    }

    /// go/types' `commonUnder`: `cond` is asked first about each pair (its message is the
    /// error); then the pairs must have identical underlying types, except that channels with
    /// identical element types may differ in direction (the most restricted one wins) as long
    /// as the directions don't conflict.
    pub(crate) fn common_under(
        &self,
        t: TypeId,
        mut cond: impl FnMut(&Self, TypeUnder) -> Option<String>,
    ) -> Result<TypeId, String> {
        let w = &*self.world;
        let mut common: Option<(TypeId, TypeId)> = None;
        for pair in self.type_set_pairs(t) {
            if let Some(err) = cond(self, pair) {
                return Err(err);
            }
            let Some((t, u)) = pair else {
                return Err("no specific type".into());
            };
            let Some((ct, cu)) = common else {
                common = Some((t, u));
                continue;
            };
            if let (Type::Chan { dir: cd, elem: ce }, Type::Chan { dir, elem }) =
                (w.ty(cu), w.ty(u))
            {
                if !w.identical(*ce, *elem) {
                    return Err(format!(
                        "channels {} and {} have different element types",
                        self.type_str(ct),
                        self.type_str(t)
                    ));
                }
                if cd == dir {
                } else if *cd == ChanDir::Both {
                    common = Some((t, u));
                } else if *dir != ChanDir::Both {
                    return Err(format!(
                        "channels {} and {} have conflicting directions",
                        self.type_str(ct),
                        self.type_str(t)
                    ));
                }
                continue;
            }
            if !w.identical(cu, u) {
                return Err(format!(
                    "{} and {} have different underlying types",
                    self.type_str(ct),
                    self.type_str(t)
                ));
            }
        }
        common
            .map(|(_, u)| u)
            .ok_or_else(|| "no specific type".into())
    }
}
