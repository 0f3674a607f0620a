//! Names of entities: duplicates within a kind, and references by name.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::spec::Entity;
use crate::suggest::closest;
use crate::walk::Obj;

/// How many known names a "no such entity" help line lists.
const LISTED_NAMES: usize = 8;

/// Where an entity's name is defined.
#[derive(Debug, Clone)]
struct Def {
    index: usize,
    span: Span,
}

/// Every entity name, by kind.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    defs: BTreeMap<Entity, BTreeMap<String, Def>>,
    /// Per kind, the name definitions in file order (for listing).
    order: BTreeMap<Entity, Vec<String>>,
    /// Kinds whose top-level array is invalid (already reported): references to them are not
    /// checked, to avoid a cascade of "unknown" errors.
    invalid: BTreeSet<Entity>,
}

impl Registry {
    /// Registers the names of the `entity` tables of `root` (index = position), reporting
    /// duplicates with both ends.
    pub(crate) fn collect(&mut self, diag: &mut Diag<'_>, entity: Entity, root: &Obj) {
        if root.given(entity.table()) && !root.has(entity.table()) {
            self.invalid.insert(entity);
        }
        let objs = root.tables(entity.table());
        let key = entity.name_key();
        for (index, obj) in objs.iter().enumerate() {
            let Some(name) = obj.text(key) else { continue };
            let span = obj.span_of(key);
            let defs = self.defs.entry(entity).or_default();
            if let Some(first) = defs.get(name) {
                diag.error(
                    ProblemKind::Duplicate,
                    span,
                    &obj.path_of(key),
                    format!("duplicate {} {key} `{name}`", entity.noun()),
                )
                .label("defined again here")
                .related(first.span.clone(), "first defined here")
                .help(format!("every {} needs a unique {key}", entity.noun()));
            } else {
                defs.insert(name.to_owned(), Def { index, span });
                self.order.entry(entity).or_default().push(name.to_owned());
            }
        }
    }

    /// The index of the entity named `name`, without reporting anything (for a reference
    /// whose own check is reported elsewhere).
    pub(crate) fn index(&self, entity: Entity, name: &str) -> Option<usize> {
        self.defs.get(&entity)?.get(name).map(|d| d.index)
    }

    /// The index of the entity named by `obj.key`; reports an unknown name with the closest
    /// existing one (and where that is defined) or the list of known names.
    pub(crate) fn resolve(
        &self,
        diag: &mut Diag<'_>,
        entity: Entity,
        obj: &Obj,
        key: &str,
    ) -> Option<usize> {
        let name = obj.text(key)?;
        self.resolve_at(diag, entity, name, obj.span_of(key), &obj.path_of(key))
    }

    /// The index of the entity named `name`, written at `span` (key path `path`); reports an
    /// unknown name as [`Registry::resolve`] does.
    pub(crate) fn resolve_at(
        &self,
        diag: &mut Diag<'_>,
        entity: Entity,
        name: &str,
        span: Span,
        path: &str,
    ) -> Option<usize> {
        if self.invalid.contains(&entity) {
            return None;
        }
        let defs = self.defs.get(&entity);
        if let Some(def) = defs.and_then(|d| d.get(name)) {
            return Some(def.index);
        }
        let known = self
            .order
            .get(&entity)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let table = entity.table();
        let p = diag.error(
            ProblemKind::UnknownReference,
            span,
            path,
            format!("unknown {} `{name}`", entity.noun()),
        );
        let p = p.label(format!("no [[{table}]] is named `{name}`"));
        match closest(name, known.iter().map(String::as_str)) {
            Some(near) => {
                let span = defs
                    .and_then(|d| d.get(near))
                    .map(|d| d.span.clone())
                    .unwrap_or_default();
                p.help(format!("did you mean `{near}`?"))
                    .related(span, format!("`{near}` is defined here"));
            }
            None if known.is_empty() => {
                p.help(format!(
                    "no {} is defined: add a [[{table}]] table with this name",
                    entity.noun()
                ));
            }
            None => {
                let mut list = known
                    .iter()
                    .take(LISTED_NAMES)
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if known.len() > LISTED_NAMES {
                    list.push_str(", …");
                }
                p.help(format!("defined {}s: {list}", entity.noun()));
            }
        }
        None
    }
}
