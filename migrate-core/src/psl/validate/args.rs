//! Reading attribute arguments: each reader reports what is wrong with the
//! argument it was given and returns `None`.

use crate::psl::ast::{Arg, Attribute, Expr};
use crate::psl::datamodel::{IndexField, IndexOps};
use crate::psl::diagnostics::Diagnostics;
use crate::psl::operator_classes::operator_class;
use crate::schema::SortOrder;

/// The attribute as written, with its `@` or `@@`: the parser's span starts
/// at that token, directly before the name.
pub fn written(attr: &Attribute) -> String {
    let block_level = attr.name.span.start >= attr.span.start + 2;
    format!("{}{}", if block_level { "@@" } else { "@" }, attr.name.name)
}

/// Reports arguments whose name the attribute does not take, and unnamed
/// arguments beyond the `positional` ones it allows.
pub fn check_names(attr: &Attribute, allowed: &[&str], positional: usize, diags: &mut Diagnostics) {
    let mut unnamed = 0;
    for arg in &attr.args {
        match &arg.name {
            Some(n) if n.name == "clustered" && !allowed.contains(&"clustered") => diags.error(
                n.span,
                format!(
                    "`clustered:` is only for SQL Server, which migrate does not support: remove it from `{}`.",
                    written(attr)
                ),
            ),
            Some(n) if !allowed.contains(&n.name.as_str()) => diags.error(
                n.span,
                format!(
                    "The attribute `{}` has no argument named `{}`.{}",
                    written(attr),
                    n.name,
                    takes(allowed)
                ),
            ),
            Some(_) => {}
            None => {
                unnamed += 1;
                if unnamed > positional {
                    diags.error(arg.span, extra_unnamed(attr, allowed, positional));
                }
            }
        }
    }
    let mut seen = Vec::new();
    for arg in attr.args.iter().filter_map(|a| a.name.as_ref()) {
        if seen.contains(&arg.name) {
            diags.error(arg.span, format!("The argument `{}` is given twice.", arg.name));
        }
        seen.push(arg.name.clone());
    }
}

/// " It takes: a, b." for messages about unknown arguments.
fn takes(allowed: &[&str]) -> String {
    match allowed {
        [] => " It takes no arguments.".to_string(),
        _ => format!(" It takes: {}.", allowed.join(", ")),
    }
}

fn extra_unnamed(attr: &Attribute, allowed: &[&str], positional: usize) -> String {
    let attr_name = written(attr);
    match (positional, allowed) {
        (0, []) => format!("The attribute `{attr_name}` takes no arguments."),
        (_, []) => format!("The attribute `{attr_name}` takes a single argument."),
        (0, _) => format!("The attribute `{attr_name}` takes only named arguments, such as `{}: ...`.", allowed[0]),
        (_, _) if allowed.contains(&"fields") => format!(
            "The attribute `{attr_name}` takes one unnamed argument, the list of fields. Write several fields as one list, such as `{attr_name}([a, b])`, and name the other arguments."
        ),
        _ => format!("The attribute `{attr_name}` takes one unnamed argument; name the others.{}", takes(allowed)),
    }
}

/// The argument named `name`, or the first unnamed one if `name` is the
/// attribute's default argument.
pub fn get<'a>(attr: &'a Attribute, name: &str, default_positional: bool) -> Option<&'a Expr> {
    attr.arg(name)
        .or_else(|| if default_positional { attr.positional(0) } else { None })
}

pub fn string(expr: &Expr, what: &str, diags: &mut Diagnostics) -> Option<String> {
    match expr {
        Expr::String(s, _) => Some(s.value.clone()),
        other => {
            diags.error(
                other.span(),
                format!("{what} must be a string, not {}.", other.describe()),
            );
            None
        }
    }
}

pub fn string_arg(attr: &Attribute, name: &str, positional: bool, diags: &mut Diagnostics) -> Option<String> {
    get(attr, name, positional).and_then(|e| string(e, &format!("The argument `{name}` of `{}`", written(attr)), diags))
}

pub fn constant<'a>(expr: &'a Expr, what: &str, diags: &mut Diagnostics) -> Option<&'a str> {
    match expr {
        Expr::Ident(i) => Some(&i.name),
        other => {
            diags.error(
                other.span(),
                format!("{what} must be a constant, not {}.", other.describe()),
            );
            None
        }
    }
}

/// A list of field references: `[a, b(sort: Desc, length: 10, ops: x)]`.
/// A single field, with or without arguments (`a`, `a(sort: Desc)`), is a
/// one-element list, as Prisma reads it.
pub fn field_list(expr: &Expr, diags: &mut Diagnostics) -> Option<Vec<(IndexField, crate::psl::diagnostics::Span)>> {
    let items: Vec<&Expr> = match expr {
        Expr::Array(items, _) => items.iter().collect(),
        Expr::Ident(_) | Expr::Call(..) => vec![expr],
        other => {
            diags.error(
                other.span(),
                format!("Expected a list of fields, such as `[a, b]`, not {}.", other.describe()),
            );
            return None;
        }
    };
    let mut out = Vec::new();
    for item in items {
        match item {
            Expr::Ident(i) => out.push((
                IndexField {
                    field: i.name.clone(),
                    sort: None,
                    length: None,
                    ops: None,
                },
                i.span,
            )),
            Expr::Call(name, args, _) => out.push((field_with_args(&name.name, args, diags), name.span)),
            other => diags.error(
                other.span(),
                format!("Expected a field name, not {}.", other.describe()),
            ),
        }
    }
    Some(out)
}

fn field_with_args(name: &str, args: &[Arg], diags: &mut Diagnostics) -> IndexField {
    let mut field = IndexField {
        field: name.to_string(),
        sort: None,
        length: None,
        ops: None,
    };
    for arg in args {
        let key = arg.name.as_ref().map(|n| n.name.as_str());
        match (key, &arg.value) {
            (Some("sort"), Expr::Ident(v)) if v.name == "Asc" => field.sort = Some(SortOrder::Asc),
            (Some("sort"), Expr::Ident(v)) if v.name == "Desc" => field.sort = Some(SortOrder::Desc),
            (Some("sort"), v) => diags.error(v.span(), "`sort` must be `Asc` or `Desc`."),
            (Some("length"), Expr::Number(n, span)) => match n.parse() {
                Ok(n) => field.length = Some(n),
                Err(_) => diags.error(*span, "`length` must be a positive whole number."),
            },
            (Some("length"), v) => diags.error(v.span(), "`length` must be a positive whole number."),
            (Some("ops"), Expr::Ident(v)) => match operator_class(&v.name) {
                Some(class) => field.ops = Some(IndexOps::Named(class)),
                None => {
                    diags.error(
                        v.span,
                        format!(
                            "Invalid operator class: `{}`. Use one of Prisma's names, such as `JsonbPathOps`, or write the class's SQL name as `raw(\"...\")`.",
                            v.name
                        ),
                    );
                    // Kept unchecked, so that this is its only error.
                    field.ops = Some(IndexOps::Raw(v.name.clone()));
                }
            },
            (Some("ops"), Expr::Call(f, a, _)) if f.name == "raw" && a.len() == 1 => {
                field.ops = a[0].value.as_str().map(|sql| IndexOps::Raw(sql.to_string()));
            }
            (Some("ops"), v) => diags.error(
                v.span(),
                "`ops` must be an operator class, such as `JsonbPathOps` or `raw(\"...\")`.",
            ),
            _ => diags.error(
                arg.span,
                format!("Unknown argument for field `{name}`: only `sort`, `length` and `ops` are allowed."),
            ),
        }
    }
    field
}
