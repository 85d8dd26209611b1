//! PostgreSQL: each field of an `@@index` against the index method and the
//! operator class it names, by the tables of `psl::operator_classes`, as
//! Prisma 6.19.3 checks them (and with its wording).

use super::Ctx;
use crate::psl::datamodel::{Arity, Field, FieldType, IndexField, IndexOps, Model};
use crate::psl::diagnostics::Span;
use crate::psl::operator_classes::{method_defaults, Operand, OperatorClass, SINGLE_COLUMN_METHODS};
use crate::schema::IndexAlgorithm;

/// Reports each field of an index using `method` that the method, or the
/// field's operator class, does not take. `fields` are in the model, each
/// with where it is written; `span` is the index's.
pub fn check(ctx: &mut Ctx<'_>, model: &Model, fields: &[(IndexField, Span)], method: IndexAlgorithm, span: Span) {
    if fields.len() > 1 && SINGLE_COLUMN_METHODS.contains(&method) {
        ctx.diags.error(
            span,
            format!("{} does not support multi-column indices.", method.name()),
        );
    }
    check_sort(ctx, fields, method);
    for (index_field, span) in fields {
        let Some(field) = model.field(&index_field.field) else {
            continue;
        };
        let problem = match &index_field.ops {
            Some(IndexOps::Named(class)) => class_problem(field, class, method),
            Some(IndexOps::Raw(_)) => None,
            None => default_problem(field, method),
        };
        if let Some(message) = problem {
            ctx.diags.error(*span, message);
        }
    }
}

/// PostgreSQL orders only B-tree indexes: any other method refuses `ASC` and
/// `DESC` ("access method does not support ASC/DESC options"). Prisma
/// 6.19.3 rejects `sort:` on a Hash index with the wording kept here, and
/// accepts it on the others to write a script PostgreSQL then refuses; this
/// rejects it on all of them, where the schema is written.
fn check_sort(ctx: &mut Ctx<'_>, fields: &[(IndexField, Span)], method: IndexAlgorithm) {
    if method == IndexAlgorithm::BTree {
        return;
    }
    for (_, span) in fields.iter().filter(|(f, _)| f.sort.is_some()) {
        let message = match method {
            IndexAlgorithm::Hash => {
                "Error parsing attribute \"@@index\": Hash type does not support sort option.".to_string()
            }
            other => format!(
                "The {} index type does not support the sort option: PostgreSQL orders only B-tree indexes.",
                other.name()
            ),
        };
        ctx.diags.error(*span, message);
    }
}

fn class_problem(field: &Field, class: &OperatorClass, method: IndexAlgorithm) -> Option<String> {
    let (ops, name) = (class.name, &field.name);
    if !class.methods.contains(&method) {
        let methods: Vec<String> = class.methods.iter().map(|m| format!("`type: {}`", m.name())).collect();
        return Some(format!(
            "The given operator class `{ops}` is not supported with the `{}` index type: it goes with {}.",
            method.name(),
            methods.join(" or ")
        ));
    }
    let native = field.native.as_ref().map(|n| n.name.as_str());
    match class.operand {
        Operand::List if field.arity != Arity::List => Some(format!(
            "The given operator class `{ops}` expects the type of field `{name}` to be an array."
        )),
        Operand::List => None,
        Operand::Native(natives) => match native {
            None => Some(format!(
                "The given operator class `{ops}` expects the field `{name}` to define a valid native type: {}.",
                natives_list(natives)
            )),
            Some(n) if !natives.contains(&n) => Some(wrong_native(ops, n, name)),
            Some(_) => None,
        },
        Operand::Scalar(scalar, natives) => match native {
            Some(n) if !natives.contains(&n) => Some(wrong_native(ops, n, name)),
            _ if field.ty != FieldType::Scalar(scalar) => Some(format!(
                "The given operator class `{ops}` points to the field `{name}` that is not of {} type.",
                scalar.name()
            )),
            _ => None,
        },
    }
}

fn wrong_native(ops: &str, native: &str, field: &str) -> String {
    format!("The given operator class `{ops}` does not support native type `{native}` of field `{field}`.")
}

fn natives_list(natives: &[&str]) -> String {
    let written: Vec<String> = natives.iter().map(|n| format!("`@db.{n}`")).collect();
    written.join(" or ")
}

/// A field without `ops:` needs a default operator class of the method.
fn default_problem(field: &Field, method: IndexAlgorithm) -> Option<String> {
    let defaults = method_defaults(method)?;
    let scalar = match &field.ty {
        FieldType::Unsupported(_) => return None,
        _ if defaults.lists && field.arity == Arity::List => return None,
        FieldType::Scalar(s) => Some(*s),
        FieldType::Enum(_) | FieldType::Relation(_) => None,
    };
    let method = method.name();
    match field.native.as_ref().map(|n| n.name.as_str()) {
        Some(native) if !defaults.natives.contains(&native) => Some(format!(
            "The {method} index field type `{native}` has no default operator class: name one with `ops:`."
        )),
        Some(_) => None,
        None if !scalar.is_some_and(|s| defaults.scalars.contains(&s)) => Some(format!(
            "The {method} index type does not support the type of the field `{}`.",
            field.name
        )),
        None => None,
    }
}
