//! Datamodel → [`Schema`] for one dialect: table and column names after
//! `@map`/`@@map`, Prisma's default constraint names, implicit many-to-many
//! join tables, and no foreign keys under `relationMode = "prisma"`.

use super::datamodel::{
    Arity, Datamodel, DefaultDef, Field, FieldType, IndexDef, IndexField, IndexType, Model, Relation, RelationMode,
    Value,
};
use crate::driver::{Dialect, EnumSupport, FieldTypeRef};
use crate::schema::{
    Column, ColumnType, ConstraintNames, DateTimeDefault, DefaultValue, Enum, Extension, ForeignKey, Index,
    IndexColumn, IndexKind, Literal, PrimaryKey, ReferentialAction, ScalarType, Schema, Table, TypeFamily,
};
use std::collections::HashMap;

/// The [`Schema`] a datamodel asks of `dialect`'s database: one table per model and per implicit
/// many-to-many relation, with the dialect's column types, Prisma's default constraint names
/// and, under `relationMode = "foreignKeys"`, foreign keys.
pub fn lower(dm: &Datamodel, dialect: &dyn Dialect) -> Schema {
    let mut relations_of: HashMap<&str, Vec<&Relation>> = HashMap::new();
    for r in &dm.relations {
        if let Relation::Inline { model, .. } = r {
            relations_of.entry(model.as_str()).or_default().push(r);
        }
    }
    let lowering = Lowering {
        dm,
        dialect,
        names: ConstraintNames {
            limit: dialect.capabilities().identifier_limit,
        },
        models: dm.models.iter().map(|m| (m.name.as_str(), m)).collect(),
        relations_of,
        session_namespace: dm
            .datasource
            .as_ref()
            .filter(|_| dialect.capabilities().namespaces)
            .map(|d| d.session_namespace()),
    };
    let mut tables: Vec<Table> = dm.models.iter().map(|m| lowering.table(m)).collect();
    let joins = join_tables_in_prisma_order(dm);
    for (name, model_a, model_b) in joins {
        tables.push(lowering.join_table(name, model_a, model_b, &tables));
    }
    let enums = match dialect.capabilities().enums {
        EnumSupport::NamedTypes => dm
            .enums
            .iter()
            .map(|e| Enum {
                namespace: lowering.namespace(e.schema.as_deref()),
                name: e.db_name.clone(),
                values: e.values.iter().map(|v| v.db_name.clone()).collect(),
            })
            .collect(),
        EnumSupport::Inline | EnumSupport::Text => Vec::new(),
    };
    let extensions = dm
        .datasource
        .iter()
        .flat_map(|d| &d.extensions)
        .map(|e| Extension {
            name: e.db_name.clone().unwrap_or_else(|| e.name.clone()),
            schema: e.schema.clone(),
            version: e.version.clone(),
        })
        .collect();
    let session_namespace = lowering.session_namespace.clone();
    Schema {
        tables,
        enums,
        extensions,
        manages_extensions: dm.has_preview_feature("postgresqlExtensions"),
        notes: Default::default(),
        namespaces: known_namespaces(dm, session_namespace.as_deref()),
        session_namespace,
    }
}

/// The database schemas a datamodel knows to exist, by name: the
/// datasource's `schemas`, else the session's (as Prisma 6.19.3 diffs two
/// schema files: a file without `schemas` never creates `public`, a file
/// listing only `auth` does).
fn known_namespaces(dm: &Datamodel, session: Option<&str>) -> Vec<String> {
    let listed = dm.datasource.iter().flat_map(|d| &d.schemas).map(String::as_str);
    let mut known: Vec<String> = listed.map(str::to_string).collect();
    if known.is_empty() {
        known.extend(session.map(str::to_string));
    }
    known.sort_unstable();
    known.dedup();
    known
}

/// An implicit many-to-many relation: (name, model A, model B).
type JoinTable<'a> = (&'a str, &'a str, &'a str);

/// Implicit many-to-many relations, in
/// Prisma's table order: by the model of the A side's field, then that
/// field's position in its model.
fn join_tables_in_prisma_order(dm: &Datamodel) -> Vec<JoinTable<'_>> {
    let mut joins: Vec<((usize, usize), JoinTable<'_>)> = dm
        .relations
        .iter()
        .filter_map(|relation| match relation {
            Relation::ManyToMany {
                name,
                model_a,
                model_b,
                field_a,
            } => {
                let model = dm.models.iter().position(|m| m.name == *model_a).unwrap_or(usize::MAX);
                let field = dm
                    .models
                    .get(model)
                    .and_then(|m| m.fields.iter().position(|f| f.name == *field_a));
                let place = (model, field.unwrap_or(usize::MAX));
                Some((place, (name.as_str(), model_a.as_str(), model_b.as_str())))
            }
            Relation::Inline { .. } => None,
        })
        .collect();
    joins.sort_by_key(|(place, _)| *place);
    joins.into_iter().map(|(_, join)| join).collect()
}

struct Lowering<'a> {
    dm: &'a Datamodel,
    dialect: &'a dyn Dialect,
    names: ConstraintNames,
    /// Models by name, and the inline relations each model defines: lookups
    /// stay constant-time for schemas with thousands of models.
    models: HashMap<&'a str, &'a Model>,
    relations_of: HashMap<&'a str, Vec<&'a Relation>>,
    /// The database schema migrations run in (the URL's `?schema=`): tables
    /// and enums `@@schema`'d there are written unqualified, as Prisma does.
    session_namespace: Option<String>,
}

impl Lowering<'_> {
    /// A `@@schema` as a [`Table::namespace`]: `None` for the session's own.
    fn namespace(&self, schema: Option<&str>) -> Option<String> {
        schema
            .filter(|s| Some(*s) != self.session_namespace.as_deref())
            .map(str::to_string)
    }

    fn table(&self, model: &Model) -> Table {
        let mut table = Table::new(&model.db_name);
        table.namespace = self.namespace(model.schema.as_deref());
        table.columns = model.scalar_fields().map(|f| self.column(f)).collect();
        table.primary_key = model.primary_key.as_ref().map(|pk| PrimaryKey {
            name: self
                .dialect
                .capabilities()
                .named_primary_keys
                .then(|| pk.map.clone().unwrap_or_else(|| self.names.primary_key(&model.db_name))),
            // Prisma accepts `ops:` in `@@id` and leaves it out.
            columns: self
                .index_columns(model, &pk.fields)
                .into_iter()
                .map(|c| IndexColumn { ops: None, ..c })
                .collect(),
        });
        table.indexes = model.indexes.iter().map(|i| self.index(model, i)).collect();
        table.foreign_keys = self.foreign_keys(model);
        if self.dialect.capabilities().rowid_primary_key {
            for column in &mut table.columns {
                let single_int_key = table
                    .primary_key
                    .as_ref()
                    .is_some_and(|pk| pk.columns.len() == 1 && pk.columns[0].name == column.name);
                column.auto_increment =
                    single_int_key && column.ty.family == TypeFamily::Scalar(ScalarType::Int) && !column.ty.list;
            }
        }
        table
    }

    fn column(&self, field: &Field) -> Column {
        Column {
            name: field.db_name.clone(),
            ty: self.column_type(field),
            nullable: field.arity != Arity::Required,
            default: self.default(field),
            auto_increment: field.default == Some(DefaultDef::Autoincrement),
            sequence: None,
        }
    }

    fn column_type(&self, field: &Field) -> ColumnType {
        let list = field.arity == Arity::List;
        let r = match &field.ty {
            FieldType::Scalar(scalar) => FieldTypeRef::Scalar {
                scalar: *scalar,
                native: field.native.as_ref(),
                list,
            },
            FieldType::Enum(name) => match self.dm.enum_(name) {
                Some(e) => {
                    let values: Vec<String> = e.values.iter().map(|v| v.db_name.clone()).collect();
                    let namespace = self.namespace(e.schema.as_deref());
                    return self.dialect.column_type(FieldTypeRef::Enum {
                        namespace: namespace.as_deref(),
                        name: &e.db_name,
                        values: &values,
                        list,
                    });
                }
                None => FieldTypeRef::Unsupported(name),
            },
            FieldType::Unsupported(s) | FieldType::Relation(s) => FieldTypeRef::Unsupported(s),
        };
        let ty = self.dialect.column_type(r);
        match r {
            // `Unsupported("_point")[]` (PostgreSQL): an array of that type.
            FieldTypeRef::Unsupported(_) => ColumnType { list, ..ty },
            _ => ty,
        }
    }

    fn default(&self, field: &Field) -> Option<DefaultValue> {
        if field.ty == FieldType::Scalar(ScalarType::Json) && !self.dialect.capabilities().json_defaults {
            return None;
        }
        match field.default.as_ref()? {
            DefaultDef::Now => Some(DefaultValue::Now),
            DefaultDef::DbGenerated(expr) => Some(DefaultValue::Expression(expr.clone().unwrap_or_default())),
            DefaultDef::Value(v) => Some(DefaultValue::Literal(self.literal(field, v))),
            DefaultDef::List(vs) => Some(DefaultValue::List(vs.iter().map(|v| self.literal(field, v)).collect())),
            DefaultDef::Autoincrement | DefaultDef::Generated(_) => None,
        }
    }

    fn literal(&self, field: &Field, value: &Value) -> Literal {
        match (value, &field.ty) {
            (Value::EnumValue(v), FieldType::Enum(e)) => {
                let db = self
                    .dm
                    .enum_(e)
                    .and_then(|e| e.values.iter().find(|x| &x.name == v))
                    .map(|x| x.db_name.clone());
                Literal::EnumValue(db.unwrap_or_else(|| v.clone()))
            }
            (Value::EnumValue(v), _) => Literal::EnumValue(v.clone()),
            (Value::Boolean(b), _) => Literal::Boolean(*b),
            (Value::Number(n), _) => Literal::Number(n.clone()),
            (Value::String(s), FieldType::Scalar(ScalarType::Json)) => Literal::Json(s.clone()),
            (Value::String(s), FieldType::Scalar(ScalarType::Bytes)) => Literal::Bytes(base64_to_hex(s)),
            (Value::String(s), FieldType::Scalar(ScalarType::Decimal | ScalarType::BigInt)) => {
                Literal::Number(s.clone())
            }
            (Value::String(s), FieldType::Scalar(ScalarType::DateTime)) => {
                DateTimeDefault::parse(s).map_or_else(|| Literal::String(s.clone()), Literal::DateTime)
            }
            (Value::String(s), _) => Literal::String(s.clone()),
        }
    }

    fn index_columns(&self, model: &Model, fields: &[IndexField]) -> Vec<IndexColumn> {
        fields
            .iter()
            .map(|f| IndexColumn {
                name: db_name(model, &f.field),
                // Kept as written: an explicit `sort: Asc` renders `ASC`, as
                // Prisma writes it, and compares equal to no order.
                sort: f.sort,
                length: f.length,
                ops: f
                    .ops
                    .as_ref()
                    .filter(|_| self.dialect.capabilities().operator_classes)
                    .map(|o| o.name().to_string()),
            })
            .collect()
    }

    fn index(&self, model: &Model, def: &IndexDef) -> Index {
        let columns = self.index_columns(model, &def.fields);
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let default_name = match def.kind {
            IndexType::Unique => self.names.unique(&model.db_name, &names),
            IndexType::Normal | IndexType::Fulltext => self.names.index(&model.db_name, &names),
        };
        Index {
            name: def.map.clone().unwrap_or(default_name),
            kind: match def.kind {
                IndexType::Normal => IndexKind::Normal,
                IndexType::Unique => IndexKind::Unique,
                IndexType::Fulltext => IndexKind::Fulltext,
            },
            columns,
            // B-tree is every database's default method: databases report none.
            algorithm: def.algorithm.filter(|a| *a != crate::schema::IndexAlgorithm::BTree),
            constraint: false,
        }
    }

    fn foreign_keys(&self, model: &Model) -> Vec<ForeignKey> {
        if self.relation_mode() == RelationMode::Prisma {
            return Vec::new();
        }
        let relations = self
            .relations_of
            .get(model.name.as_str())
            .map_or(&[][..], Vec::as_slice);
        relations
            .iter()
            .filter_map(|r| match r {
                Relation::Inline {
                    model: m,
                    fields,
                    referenced_model,
                    references,
                    on_delete,
                    on_update,
                    map,
                } if *m == model.name => {
                    let target = self.models.get(referenced_model.as_str())?;
                    let columns: Vec<String> = fields.iter().map(|f| db_name(model, f)).collect();
                    let cols: Vec<&str> = columns.iter().map(String::as_str).collect();
                    Some(ForeignKey {
                        name: map
                            .clone()
                            .unwrap_or_else(|| self.names.foreign_key(&model.db_name, &cols)),
                        referenced_table: target.db_name.clone(),
                        referenced_namespace: self.namespace(target.schema.as_deref()),
                        referenced_columns: references.iter().map(|r| db_name(target, r)).collect(),
                        columns,
                        on_delete: *on_delete,
                        on_update: *on_update,
                    })
                }
                _ => None,
            })
            .collect()
    }

    fn relation_mode(&self) -> RelationMode {
        self.dm
            .datasource
            .as_ref()
            .map_or(RelationMode::ForeignKeys, |d| d.relation_mode)
    }

    /// `_AToB` with `A`, `B` referencing each model's id.
    fn join_table(&self, relation: &str, model_a: &str, model_b: &str, tables: &[Table]) -> Table {
        let name = self.names.join_table(relation);
        let mut table = Table::new(&name);
        // In the A side's database schema, as Prisma 6.19.3 puts it.
        table.namespace = self.dm.model(model_a).and_then(|m| self.namespace(m.schema.as_deref()));
        let caps = self.dialect.capabilities();
        let mut fks = Vec::new();
        for (column, model_name) in [("A", model_a), ("B", model_b)] {
            let Some(model) = self.dm.model(model_name) else {
                continue;
            };
            let namespace = self.namespace(model.schema.as_deref());
            let Some(id) = id_column(model, namespace.as_deref(), tables) else {
                continue;
            };
            table.columns.push(Column {
                name: column.into(),
                ty: id.ty.clone(),
                nullable: false,
                default: None,
                auto_increment: false,
                sequence: None,
            });
            fks.push(ForeignKey {
                name: self.names.join_foreign_key(&name, column),
                columns: vec![column.into()],
                referenced_table: model.db_name.clone(),
                referenced_namespace: namespace,
                referenced_columns: vec![id.name.clone()],
                on_delete: ReferentialAction::Cascade,
                on_update: ReferentialAction::Cascade,
            });
        }
        let ab = vec![IndexColumn::named("A"), IndexColumn::named("B")];
        if caps.join_table_primary_key {
            table.primary_key = Some(PrimaryKey {
                name: Some(self.names.join_unique(&name, true)),
                columns: ab,
            });
        } else {
            table.indexes.push(Index {
                name: self.names.join_unique(&name, false),
                kind: IndexKind::Unique,
                columns: ab,
                algorithm: None,
                constraint: false,
            });
        }
        table.indexes.push(Index {
            name: self.names.join_b_index(&name),
            kind: IndexKind::Normal,
            columns: vec![IndexColumn::named("B")],
            algorithm: None,
            constraint: false,
        });
        if self.relation_mode() == RelationMode::ForeignKeys {
            table.foreign_keys = fks;
        }
        table
    }
}

fn db_name(model: &Model, field: &str) -> String {
    model
        .field(field)
        .map_or_else(|| field.to_string(), |f| f.db_name.clone())
}

fn id_column<'t>(model: &Model, namespace: Option<&str>, tables: &'t [Table]) -> Option<&'t Column> {
    let table = tables
        .iter()
        .find(|t| t.name == model.db_name && t.namespace.as_deref() == namespace)?;
    let pk = table.primary_key.as_ref()?;
    table.column(&pk.columns.first()?.name)
}

/// Prisma writes `Bytes` defaults in base64; databases compare hex.
fn base64_to_hex(s: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits: u32 = 0;
    let mut nbits = 0;
    let mut out = String::new();
    for c in s.bytes().filter(|&c| c != b'=') {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push_str(&format!("{:02x}", (bits >> nbits) & 0xff));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_to_hex() {
        assert_eq!(super::base64_to_hex("3q2+7w=="), "deadbeef");
        assert_eq!(super::base64_to_hex(""), "");
    }
}

/// Lowering rules that hold for every dialect, checked with the test
/// dialect of PostgreSQL's capabilities.
#[cfg(test)]
mod lowering_tests {
    use super::*;
    use crate::psl::{diagnostics::SourceFiles, parse_and_validate};
    use crate::testing::PgNames;

    fn lowered(models: &str) -> Schema {
        let text =
            format!("datasource db {{\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}}\n{models}");
        let valid = parse_and_validate(SourceFiles::single("s.prisma", text)).unwrap_or_else(|e| panic!("{e}"));
        lower(&valid.datamodel, &PgNames)
    }

    /// Prisma accepts `ops:` in `@@id` and leaves it out of the primary
    /// key; an `@@index` keeps it.
    #[test]
    fn operator_classes_stay_on_indexes_only() {
        let s = lowered(
            "model A {\n  a Json\n  b Int\n  @@id([a(ops: JsonbOps), b])\n  @@index([a(ops: JsonbPathOps)], type: Gin)\n}\n",
        );
        let a = s.table("A").unwrap();
        assert!(a.primary_key.as_ref().unwrap().columns.iter().all(|c| c.ops.is_none()));
        assert_eq!(a.indexes[0].columns[0].ops.as_deref(), Some("JsonbPathOps"));
    }

    #[test]
    fn maps_names_and_builds_default_constraint_names_from_them() {
        let s = lowered(
            "model User {\n  id Int @id @map(\"user_id\")\n  email String @unique @map(\"mail\")\n  posts Post[]\n  @@map(\"users\")\n}\nmodel Post {\n  id Int @id\n  authorId Int @map(\"author\")\n  author User @relation(fields: [authorId], references: [id])\n  @@index([authorId])\n}\n",
        );
        let users = s.table("users").unwrap();
        assert_eq!(users.primary_key.as_ref().unwrap().name.as_deref(), Some("users_pkey"));
        assert_eq!(users.indexes[0].name, "users_mail_key");
        let post = s.table("Post").unwrap();
        assert_eq!(post.indexes[0].name, "Post_author_idx");
        let fk = &post.foreign_keys[0];
        assert_eq!(
            (fk.name.as_str(), fk.referenced_table.as_str()),
            ("Post_author_fkey", "users")
        );
        assert_eq!(fk.referenced_columns, ["user_id"]);
        assert_eq!(
            (fk.on_delete, fk.on_update),
            (ReferentialAction::Restrict, ReferentialAction::Cascade)
        );
    }

    #[test]
    fn implicit_many_to_many_join_table() {
        let s =
            lowered("model Tag {\n  id String @id\n  posts Post[]\n}\nmodel Post {\n  id Int @id\n  tags Tag[]\n}\n");
        let join = s.table("_PostToTag").unwrap();
        assert_eq!(
            join.columns
                .iter()
                .map(|c| (c.name.as_str(), c.ty.sql.as_str()))
                .collect::<Vec<_>>(),
            [("A", "Int"), ("B", "String")]
        );
        assert_eq!(
            join.primary_key.as_ref().unwrap().name.as_deref(),
            Some("_PostToTag_AB_pkey")
        );
        assert_eq!(join.indexes[0].name, "_PostToTag_B_index");
        assert_eq!(
            join.foreign_keys.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            ["_PostToTag_A_fkey", "_PostToTag_B_fkey"]
        );
        assert!(join
            .foreign_keys
            .iter()
            .all(|f| f.on_delete == ReferentialAction::Cascade));
    }

    #[test]
    fn optional_relation_defaults_to_set_null_and_prisma_mode_has_no_foreign_keys() {
        let models = "model A {\n  id Int @id\n  bs B[]\n}\nmodel B {\n  id Int @id\n  aId Int?\n  a A? @relation(fields: [aId], references: [id])\n}\n";
        assert_eq!(
            lowered(models).table("B").unwrap().foreign_keys[0].on_delete,
            ReferentialAction::SetNull
        );
        let text = format!("datasource db {{\n  provider = \"postgresql\"\n  url = \"postgres://x\"\n  relationMode = \"prisma\"\n}}\n{models}");
        let valid = parse_and_validate(SourceFiles::single("s", text)).unwrap();
        assert!(lower(&valid.datamodel, &PgNames)
            .table("B")
            .unwrap()
            .foreign_keys
            .is_empty());
    }

    #[test]
    fn long_generated_names_are_truncated_to_the_limit() {
        let long = "A".repeat(60);
        let s = lowered(&format!(
            "model {long} {{\n  id Int @id\n  someLongColumnName Int @unique\n}}\n"
        ));
        let t = &s.tables[0];
        assert_eq!(t.primary_key.as_ref().unwrap().name.as_ref().unwrap().len(), 63);
        assert!(t.indexes[0].name.len() == 63 && t.indexes[0].name.ends_with("_key"));
    }

    #[test]
    fn defaults_lower_to_database_values() {
        let s = lowered(
            "enum Role {\n  USER @map(\"user\")\n}\nmodel D {\n  id String @id @default(uuid())\n  n Int @default(autoincrement())\n  r Role @default(USER)\n  t DateTime @default(now())\n  b Bytes @default(\"3q2+7w==\")\n  e String @default(dbgenerated(\"gen_random_uuid()\"))\n  g String @default(dbgenerated())\n  l Int[] @default([1, 2])\n}\n",
        );
        let t = s.table("D").unwrap();
        let d = |c: &str| t.column(c).unwrap().default.clone();
        assert_eq!(d("id"), None, "uuid() is generated by the client");
        assert!(t.column("n").unwrap().auto_increment);
        assert_eq!(d("r"), Some(DefaultValue::Literal(Literal::EnumValue("user".into()))));
        assert_eq!(d("t"), Some(DefaultValue::Now));
        assert_eq!(d("b"), Some(DefaultValue::Literal(Literal::Bytes("deadbeef".into()))));
        assert_eq!(d("e"), Some(DefaultValue::Expression("gen_random_uuid()".into())));
        assert!(
            d("g").is_some_and(|g| g.left_to_database()),
            "dbgenerated(): the database's own"
        );
        assert!(matches!(d("l"), Some(DefaultValue::List(v)) if v.len() == 2));
        assert!(t.column("l").unwrap().nullable, "scalar lists are nullable arrays");
        assert_eq!(s.enums[0].values, ["user"]);
    }

    /// Which database schemas a diff between two schema files creates, as
    /// Prisma 6.19.3's `migrate diff --from-schema-datamodel A
    /// --to-schema-datamodel B` creates them (measured pair by pair): one
    /// the target puts a table or an enum in and the source's datasource
    /// does not list (a file without `schemas` knows `public`); never one
    /// the target only lists.
    #[test]
    fn schemas_are_created_as_prisma_creates_them() {
        let file = |schemas: &str, body: &str| {
            let text = format!(
                "datasource db {{\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n{schemas}}}\n{body}"
            );
            let valid = parse_and_validate(SourceFiles::single("s.prisma", text)).unwrap_or_else(|e| panic!("{e}"));
            lower(&valid.datamodel, &PgNames)
        };
        let plain = file("", "model User {\n  id Int @id\n}\n");
        let nothing = file("", "");
        let an_enum = file("", "enum E {\n  A\n}\n");
        let listed_empty = file("  schemas = [\"public\", \"auth\"]\n", "");
        let in_public = file(
            "  schemas = [\"public\", \"auth\"]\n",
            "model User {\n  id Int @id\n  @@schema(\"public\")\n}\n",
        );
        let in_both = file(
            "  schemas = [\"public\", \"auth\"]\n",
            "model User {\n  id Int @id\n  @@schema(\"public\")\n}\nmodel Account {\n  id Int @id\n  @@schema(\"auth\")\n}\n",
        );
        let in_auth = file(
            "  schemas = [\"auth\"]\n",
            "model User {\n  id Int @id\n  @@schema(\"auth\")\n}\n",
        );
        let empty = Schema::default();
        let created = |from: &Schema, to: &Schema| -> Vec<String> {
            crate::diff::diff(from, to, &PgNames)
                .into_iter()
                .filter_map(|op| match op {
                    crate::diff::Op::CreateSchema(name) => Some(name),
                    _ => None,
                })
                .collect()
        };
        let none: [&str; 0] = [];
        assert_eq!(created(&plain, &in_public), none);
        assert_eq!(created(&plain, &in_both), ["auth"]);
        assert_eq!(created(&plain, &in_auth), ["auth"]);
        assert_eq!(created(&in_both, &plain), none);
        assert_eq!(created(&in_auth, &plain), ["public"]);
        assert_eq!(created(&in_auth, &in_both), ["public"]);
        assert_eq!(created(&in_auth, &nothing), none);
        assert_eq!(created(&in_auth, &listed_empty), none);
        assert_eq!(created(&in_auth, &an_enum), ["public"]);
        assert_eq!(created(&nothing, &in_public), none);
        assert_eq!(created(&nothing, &an_enum), none);
        assert_eq!(created(&listed_empty, &plain), none);
        assert_eq!(created(&empty, &plain), ["public"]);
        assert_eq!(created(&empty, &in_both), ["auth", "public"]);
        assert_eq!(created(&empty, &nothing), none);
        assert_eq!(created(&empty, &listed_empty), none);
    }
}
