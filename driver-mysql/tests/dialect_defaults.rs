//! Every kind of default on MySQL, as `CREATE TABLE` and `MODIFY` write it.

#[path = "common/dialect_builders.rs"]
mod builders;

use builders::*;

#[test]
fn every_default_renders() {
    insta::assert_snapshot!(create_script(&schema_file("defaults.prisma")));
}

#[test]
fn defaults_change_with_modify_or_drop_default() {
    let before = schema("model D {\n  id Int @id\n  a Int @default(1)\n  b String @default(\"x\")\n  c DateTime\n}\n");
    let after =
        schema("model D {\n  id Int @id\n  a Int\n  b String @default(\"y\")\n  c DateTime @default(now())\n}\n");
    insta::assert_snapshot!(script(&before, &after));
}
