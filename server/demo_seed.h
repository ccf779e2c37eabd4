#pragma once
/// The demo data: the patient catalog (resources/cases/*.json, embedded) and one student
/// with credits, one instructor and one admin, and three credit packs. Idempotent: what exists is
/// left alone.

#include "server/auth/crypto.h"
#include "server/db/pg.h"

#include <iosfwd>

namespace practicum::server {

/// Prints one line per account ("created <role> <email> <password>" or "exists <role> <email>")
/// and a summary of the catalog.
void seedDemo(db::Connection& conn, auth::PasswordHasher& hasher, std::ostream& out);

}  // namespace practicum::server
