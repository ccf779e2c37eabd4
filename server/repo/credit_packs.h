#pragma once
/// SQL for credit packs: what students can buy (name, credits, price in minor units, currency).
/// Retired packs stay, since payments name them, but are no longer sold.

#include "server/db/pg.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace practicum::server::repo {

struct CreditPack {
  std::string id;
  std::string name;
  int credits = 0;
  std::int64_t priceMinor = 0;
  std::string currency;
  std::optional<std::string> retiredAt;
  std::optional<std::string> createdBy;
  std::string createdAt;
  std::string updatedAt;
};

/// Admins also see who created the pack; everyone sees whether it is retired.
boost::json::object toJson(const CreditPack& pack, bool adminView);

/// Fields of a create (all set) or an update (any subset).
struct CreditPackInput {
  std::optional<std::string> name;
  std::optional<int> credits;
  std::optional<std::int64_t> priceMinor;
  std::optional<std::string> currency;  ///< three lower-case letters
  std::optional<bool> retired;
};

/// At most this many packs are listed to students (cheapest first): a shop, not a catalogue.
inline constexpr int kMaxActivePacks = 100;

/// Packs on sale, cheapest first (then by credits, name).
std::vector<CreditPack> activePacks(db::Connection& conn);

/// Every pack, retired ones too, newest first; `after` is the keyset (created_at, id).
std::vector<CreditPack> listPacks(db::Connection& conn, int limit,
                                  const std::optional<std::pair<std::string, std::string>>& after);

std::optional<CreditPack> findPack(db::Connection& conn, const std::string& id);

CreditPack insertPack(db::Connection& conn, const CreditPackInput& input, const std::optional<std::string>& createdBy);

/// Applies the set fields; nullopt when there is no such pack. `retired` true keeps the first
/// retirement time; false puts the pack on sale again.
std::optional<CreditPack> updatePack(db::Connection& conn, const std::string& id, const CreditPackInput& input);

}  // namespace practicum::server::repo
