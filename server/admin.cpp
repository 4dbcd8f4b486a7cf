#include "admin.h"

#include <SQLiteCpp/Backup.h>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "crypto.h"
#include "demo_seed.h"
#include "options.h"
#include "services/auth_service.h"
#include "services/billing_service.h"
#include "signet/dates.h"
#include "services/service_error.h"
#include "signet/validation.h"
#include "storage/bulk_load.h"
#include "storage/engine_copy.h"
#include "storage/postgres_engine.h"

namespace signet {

void ensure_parent_directory(const std::string& file) {
  if (is_postgres_url(file)) return;  // a database server, not a file
  const auto parent = std::filesystem::path(file).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  signet-server admin create-reseller --db FILE --company NAME --name NAME --email EMAIL\n"
    "        (reads the password from standard input)\n"
    "  signet-server admin setup-link --db FILE [--base-url URL]\n"
    "        (prints a fresh first-run setup link while no reseller exists)\n"
    "  signet-server admin run-billing --db FILE --date YYYY-MM-DD [--prices FILE]\n"
    "        (renewals and invoices as of that date; running it twice adds nothing)\n"
    "  signet-server admin backup --db FILE --out FILE\n"
    "        (online backup with SQLite's backup API; safe while the server runs)\n"
    "  signet-server admin restore --db FILE --from FILE\n"
    "        (replaces the database with a checked backup; stop the server first)\n"
    "        (PostgreSQL: back up with pg_dump -Fc and restore with pg_restore instead)\n"
    "  signet-server admin migrate --db FILE|postgresql://...\n"
    "        (brings the schema up to date, as a server's start does; safe while servers run)\n"
    "  signet-server admin copy --from FILE.db --to postgresql://user@host:port/dbname\n"
    "        (moves an SQLite installation into an empty PostgreSQL database, every row, counted)\n"
    "  signet-server admin seed-demo --db FILE [--resellers 1000] [--subscriptions 1000000] [--seed N]\n"
    "        (demo data for measurements; every demo reseller has the password it prints)\n";

int create_reseller(const std::vector<std::string>& args) {
  std::string db, company, name, email;
  std::string error = parse_flags(args, {{"--db", &db}, {"--company", &company},
                                         {"--name", &name}, {"--email", &email}});
  if (error.empty() && (db.empty() || company.empty() || name.empty() || email.empty()))
    error = "--db, --company, --name and --email are all required";
  if (!error.empty()) {
    std::cerr << "create-reseller: " << error << "\n" << kUsage;
    return 1;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();

  ensure_parent_directory(db);
  ConnectionPool pool(db, 2);
  PasswordHasher hasher(1);
  AuthService auth(pool, hasher, system_clock());
  try {
    const User u = auth.create_reseller(
        {normalize_text(company), normalize_text(name), normalize_email(email), password});
    std::cout << "Created reseller account " << u.email << " (user id " << u.id << ").\n";
    return 0;
  } catch (const ServiceError& e) {
    std::cerr << "create-reseller: " << e.what() << "\n";
    for (const auto& [field, message] : e.fields())
      std::cerr << "  " << (field == "company_name" ? "company" : field) << ": " << message << "\n";
    return 1;
  }
}

int setup_link(const std::vector<std::string>& args) {
  std::string db, base_url = "http://127.0.0.1:8080";
  const std::string error = parse_flags(args, {{"--db", &db}, {"--base-url", &base_url}});
  if (!error.empty() || db.empty()) {
    std::cerr << "setup-link: " << (error.empty() ? "--db is required" : error) << "\n" << kUsage;
    return 1;
  }
  ensure_parent_directory(db);
  ConnectionPool pool(db, 1);
  PasswordHasher hasher(1);
  AuthService auth(pool, hasher, system_clock());
  const auto token = auth.issue_setup_token();
  if (!token) {
    std::cerr << "setup-link: a reseller account already exists; sign in instead.\n";
    return 1;
  }
  std::cout << base_url << "/setup/" << *token << "\n";
  return 0;
}

int run_billing(const std::vector<std::string>& args) {
  std::string db, date, prices_file;
  std::string error = parse_flags(args, {{"--db", &db}, {"--date", &date}, {"--prices", &prices_file}});
  const auto day = parse_iso(date);
  if (error.empty() && (db.empty() || !day)) error = "--db and a valid --date YYYY-MM-DD are required";
  PriceList prices;
  if (error.empty() && !prices_file.empty()) error = load_price_list(prices_file, prices);
  if (!error.empty()) {
    std::cerr << "run-billing: " << error << "\n" << kUsage;
    return 1;
  }
  ConnectionPool pool(db, 2);
  AuditLog audit(pool, system_clock());
  BillingService billing(pool, system_clock(), prices, &audit);
  const BillingRunResult r = billing.run(*day);
  std::cout << "Billing run " << format_iso(*day) << ": " << r.invoices << " invoice(s), " << r.lines
            << " line(s).\n";
  return 0;
}

// backup and restore are SQLite's; a PostgreSQL database has its own tools for both.
bool refuse_postgres(const std::string& command, const std::string& db) {
  if (!is_postgres_url(db)) return false;
  const std::string name = printable_database(db);
  std::cerr << command << ": " << name << " is a PostgreSQL database: use PostgreSQL's own tools,\n"
            << "  pg_dump -Fc -f signet.dump '" << name << "'   (a consistent backup while servers run)\n"
            << "  pg_restore --clean --if-exists -d '" << name << "' signet.dump   (servers stopped)\n";
  return true;
}

int migrate_command(const std::vector<std::string>& args) {
  std::string db;
  const std::string error = parse_flags(args, {{"--db", &db}});
  if (!error.empty() || db.empty()) {
    std::cerr << "migrate: " << (error.empty() ? "--db is required" : error) << "\n" << kUsage;
    return 1;
  }
  ensure_parent_directory(db);
  ConnectionPool pool(db, 1);  // migrates, under the engine's lock, as a server's start does
  std::cout << "The schema of " << printable_database(db) << " is up to date.\n";
  return 0;
}

int copy_command(const std::vector<std::string>& args) {
  std::string from, to;
  const std::string error = parse_flags(args, {{"--from", &from}, {"--to", &to}});
  if (!error.empty() || from.empty() || to.empty()) {
    std::cerr << "copy: " << (error.empty() ? "--from and --to are required" : error) << "\n" << kUsage;
    return 1;
  }
  if (!is_postgres_url(from) && !std::filesystem::exists(from)) {
    std::cerr << "copy: " << from << " does not exist\n";
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::vector<CopiedTable> tables = copy_sqlite_to_postgres(from, to);
  int64_t rows = 0;
  for (const CopiedTable& t : tables) {
    std::cout << "  " << std::left << std::setw(22) << t.name << std::right << std::setw(10) << t.rows << "\n";
    rows += t.rows;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Copied " << rows << " rows in " << tables.size() << " tables from " << from << " in "
            << static_cast<int>(seconds * 10) / 10.0 << " s; every count matches.\n"
            << "Start the servers with --db " << printable_database(to) << " and the same --secret-key-file as before.\n";
  return 0;
}

// Copies every page of `from` into `to` with SQLite's online backup API.
void copy_database(SQLite::Database& from, SQLite::Database& to) {
  SQLite::Backup backup(to, from);
  backup.executeStep();  // all pages; retries internally while a writer holds a lock
}

std::string integrity(SQLite::Database& db) {
  return db.execAndGet("PRAGMA integrity_check").getString();
}

int backup(const std::vector<std::string>& args) {
  std::string db, out;
  const std::string error = parse_flags(args, {{"--db", &db}, {"--out", &out}});
  if (!error.empty() || db.empty() || out.empty()) {
    std::cerr << "backup: " << (error.empty() ? "--db and --out are required" : error) << "\n" << kUsage;
    return 1;
  }
  if (refuse_postgres("backup", db)) return 1;
  if (!std::filesystem::exists(db)) {
    std::cerr << "backup: " << db << " does not exist\n";
    return 1;
  }
  ensure_parent_directory(out);
  const std::string temp = out + ".partial";
  std::filesystem::remove(temp);
  {
    SQLite::Database source(db, SQLite::OPEN_READONLY);
    source.setBusyTimeout(10000);
    SQLite::Database target(temp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    copy_database(source, target);
    if (const std::string check = integrity(target); check != "ok") {
      std::cerr << "backup: the copy failed its integrity check: " << check << "\n";
      return 1;
    }
  }
  std::filesystem::rename(temp, out);  // a backup file is complete or absent
  std::cout << "Backed up " << db << " to " << out << ".\n";
  return 0;
}

int restore(const std::vector<std::string>& args) {
  std::string db, from;
  const std::string error = parse_flags(args, {{"--db", &db}, {"--from", &from}});
  if (!error.empty() || db.empty() || from.empty()) {
    std::cerr << "restore: " << (error.empty() ? "--db and --from are required" : error) << "\n" << kUsage;
    return 1;
  }
  if (refuse_postgres("restore", db)) return 1;
  try {
    SQLite::Database source(from, SQLite::OPEN_READONLY);
    if (const std::string check = integrity(source); check != "ok") {
      std::cerr << "restore: " << from << " is damaged (" << check << "); nothing was changed\n";
      return 1;
    }
    if (!source.tableExists("resellers")) {
      std::cerr << "restore: " << from << " is not a Signet database; nothing was changed\n";
      return 1;
    }
    ensure_parent_directory(db);
    SQLite::Database target(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    target.setBusyTimeout(10000);
    copy_database(source, target);
  } catch (const SQLite::Exception& e) {
    std::cerr << "restore: " << e.what() << "; nothing was changed\n";
    return 1;
  }
  ConnectionPool check(db, 1);  // migrates a backup taken by an older server
  std::cout << "Restored " << db << " from " << from << ".\n";
  return 0;
}

// Whole number flag in [lo, hi]; false when it is not one.
bool parse_count(const std::string& text, int64_t lo, int64_t hi, int64_t& out) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoll(text);
  return out >= lo && out <= hi;
}

int seed_demo_command(const std::vector<std::string>& args) {
  std::string db, resellers = "1000", subscriptions = "1000000", seed = "1";
  std::string error = parse_flags(args, {{"--db", &db}, {"--resellers", &resellers},
                                         {"--subscriptions", &subscriptions}, {"--seed", &seed}});
  DemoSeedOptions o;
  int64_t n_resellers = 0, n_seed = 0;
  if (error.empty() && db.empty()) error = "--db is required";
  if (error.empty() && !parse_count(resellers, 4, 100000, n_resellers))
    error = "--resellers must be a whole number from 4 to 100000";
  if (error.empty() && !parse_count(subscriptions, 1000, 10000000, o.subscriptions))
    error = "--subscriptions must be a whole number from 1000 to 10000000";
  if (error.empty() && !parse_count(seed, 0, 999999999999, n_seed)) error = "--seed must be a whole number";
  if (!error.empty()) {
    std::cerr << "seed-demo: " << error << "\n" << kUsage;
    return 1;
  }
  o.resellers = static_cast<int>(n_resellers);
  o.seed = static_cast<uint64_t>(n_seed);
  o.today = system_clock()();

  const auto start = std::chrono::steady_clock::now();
  ensure_parent_directory(db);
  ConnectionPool pool(db, 1);
  tune_for_bulk_load(*pool.acquire());
  PasswordHasher hasher(1);
  const std::string hash = hasher.hash(kDemoPassword);  // once: argon2id takes ~0.1 s
  const DemoSeedResult r = seed_demo(pool, o, hash);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Seeded " << r.resellers << " resellers with " << r.subscriptions << " subscriptions in "
            << static_cast<int>(seconds * 10) / 10.0 << " s.\n"
            << "  big@" << kDemoDomain << ": " << r.big << " subscriptions\n"
            << "  r1k@" << kDemoDomain << ": " << r.r1k << "\n"
            << "  r100k@" << kDemoDomain << ": " << r.r100k << "\n"
            << "  others: reseller0004@" << kDemoDomain << " to reseller" << std::setw(4) << std::setfill('0')
            << r.resellers << "@" << kDemoDomain << "\n"
            << "Password of every demo reseller: " << kDemoPassword << "\n";
  return 0;
}

}  // namespace

int run_admin(const std::vector<std::string>& args) {
  init_crypto();
  if (args.empty()) {
    std::cerr << kUsage;
    return 1;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (args[0] == "create-reseller") return create_reseller(rest);
    if (args[0] == "setup-link") return setup_link(rest);
    if (args[0] == "run-billing") return run_billing(rest);
    if (args[0] == "backup") return backup(rest);
    if (args[0] == "restore") return restore(rest);
    if (args[0] == "seed-demo") return seed_demo_command(rest);
    if (args[0] == "migrate") return migrate_command(rest);
    if (args[0] == "copy") return copy_command(rest);
  } catch (const std::exception& e) {
    std::cerr << args[0] << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << "unknown admin command " << args[0] << "\n" << kUsage;
  return 1;
}

}  // namespace signet
