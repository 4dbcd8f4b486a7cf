// signet-server: the API and the web apps, or an admin command (see admin.cpp).
#include <pthread.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "admin.h"
#include "crypto.h"
#include "http/web_server.h"
#include "mailflow/milter.h"
#include "mail/mail_queue.h"
#include "periodic_task.h"
#include "services/billing_service.h"
#include "services/deploy_service.h"
#include "services/account_service.h"
#include "services/auth_service.h"
#include "services/invitation_service.h"
#include "services/mailflow_service.h"
#include "services/retention.h"
#include "services/signature_service.h"
#include "services/subscription_service.h"
#include "services/team_service.h"
#include "storage/postgres_engine.h"

using namespace signet;

namespace {

std::string default_web_dir(const char* argv0) {
  std::error_code ec;
  auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  if (ec) exe = std::filesystem::absolute(argv0);
  return (exe.parent_path().parent_path() / "web").string();
}

// The name the Exchange connector delivers to: --mailflow-host, else the host of --base-url.
std::string mailflow_host(const ServerOptions& o) {
  if (!o.mailflow_host.empty()) return o.mailflow_host;
  if (o.base_url.empty()) return o.host;
  std::string host = o.base_url.substr(o.base_url.find("://") + 3);
  host = host.substr(0, host.find('/'));
  if (host.front() == '[') return host.substr(1, host.find(']') - 1);
  return host.substr(0, host.find(':'));
}

int serve(const std::vector<std::string>& args, const char* argv0) {
  ServerOptions options;
  options.web_dir = default_web_dir(argv0);
  const std::string error = parse_server_options(args, options);
  if (!error.empty()) {
    std::cerr << "signet-server: " << error << "\n" << kServerUsage;
    return 2;
  }
  if (options.help) {
    std::cout << kServerUsage;
    return 0;
  }

  // SIGTERM/SIGINT/SIGHUP are taken by one thread with sigwait (blocked everywhere else), so the
  // shutdown runs as ordinary code rather than inside a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);  // stops cleanly too (libmilter's own signal thread waits for it)
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  PriceList prices;
  if (!options.prices_file.empty()) {
    if (std::string e = load_price_list(options.prices_file, prices); !e.empty()) {
      std::cerr << "signet-server: --prices: " << e << "\n";
      return 2;
    }
  }

  // Servers sharing a PostgreSQL database must share the key that seals stored credentials:
  // a key made up by each server on first start would lock the others out.
  if (is_postgres_url(options.db) && options.secret_key_file.empty() && !std::getenv("SIGNET_SECRET_KEY")) {
    std::cerr << "signet-server: with a PostgreSQL database, pass --secret-key-file FILE (the same key on "
                 "every server) or set SIGNET_SECRET_KEY\n";
    return 2;
  }

  init_crypto();
  ensure_parent_directory(options.db);
  ConnectionPool pool(options.db);
  PasswordHasher hasher(2);
  AuthService auth(pool, hasher, system_clock());

  // The base URL (for links in mail) may depend on the port picked at bind time.
  InvitationSettings invitation_settings{options.base_url, options.mail_from};
  RetryPolicy retry;
  retry.first_delay_seconds = options.mail_retry_seconds;
  retry.claim_seconds = options.mail_claim_seconds;
  MailQueue mail(pool,
                 options.smtp_url.empty() ? make_outbox_transport(options.outbox_dir)
                                          : make_smtp_transport(options.smtp_url),
                 system_clock(), retry);
  InvitationService invitations(pool, auth, system_clock(), invitation_settings, [&mail] { mail.notify(); });
  AuditLog audit(pool, system_clock());
  BillingService billing(pool, system_clock(), prices, &audit);
  SubscriptionService subscriptions(pool, system_clock(), invitations, billing);
  SignatureService signatures(pool, system_clock());
  AccountService accounts(pool, hasher, system_clock(), {options.base_url, options.mail_from}, [&mail] { mail.notify(); });
  TeamService team(pool, system_clock(), {options.base_url, options.mail_from}, [&mail] { mail.notify(); });
  ListReplies list_replies(static_cast<size_t>(options.list_cache_mib) << 20);
  const SecretBox secrets = SecretBox::from_environment_or_file(
      options.secret_key_file.empty() ? (std::filesystem::path(options.db).parent_path() / "secret.key").string() : options.secret_key_file);
  DeploySchedule deploy_schedule;
  deploy_schedule.settle_seconds = options.deploy_settle_seconds;
  DeployRetryPolicy deploy_retry;
  deploy_retry.claim_seconds = options.deploy_claim_seconds;
  DeployService deploy(pool, signatures, secrets, GoogleApi({options.google_token_url, options.gmail_api_url}),
                       system_clock(), &audit, deploy_schedule, deploy_retry);
  signatures.set_change_listener([&deploy](int64_t sub) { deploy.changed(sub); });
  MailflowService mailflow(pool, signatures, system_clock(),
                           {mailflow_host(options), !options.milter.empty()});
  Services services{auth, subscriptions, invitations, signatures, billing, audit, accounts, team, list_replies, deploy, mailflow};
  // Every second: runs that start by themselves, then the users due (a run's, retries after
  // their back-off).
  PeriodicTask deployments(std::chrono::seconds(1), [&deploy] {
    try {
      deploy.start_due_runs();
      while (deploy.run_due() > 0) {
      }
    } catch (const std::exception& e) {
      std::cerr << "Signet: deployment failed: " << e.what() << std::endl;
    }
  });
  // Renewals run at start and then hourly; a run for a date already billed adds nothing.
  PeriodicTask renewals(std::chrono::hours(1), [&billing] {
    try {
      const BillingRunResult r = billing.run(billing.today());
      if (r.invoices > 0)
        std::cout << "Signet: billing run " << format_iso(billing.today()) << ": " << r.invoices
                  << " invoice(s), " << r.lines << " line(s)" << std::endl;
    } catch (const std::exception& e) {
      std::cerr << "Signet: billing run failed: " << e.what() << std::endl;
    }
  });

  // Old audit entries, expired sessions and links, delivered mail: deleted at start and hourly.
  Retention retention(pool, system_clock());
  PeriodicTask pruning(std::chrono::hours(1), [&retention] {
    try {
      const PruneResult r = retention.prune();
      if (r.total() > 0)
        std::cout << "Signet: pruned " << r.audit << " audit entries, " << r.sessions << " sessions, " << r.links
                  << " links, " << r.mail << " mails, " << r.deploy_runs << " deployment runs" << std::endl;
    } catch (const std::exception& e) {
      std::cerr << "Signet: pruning failed: " << e.what() << std::endl;
    }
  });

  WebServer server(options, services);
  if (!server.bind()) {
    std::cerr << "signet-server: cannot listen on " << options.host << ":" << options.port << "\n";
    return 1;
  }
  if (options.base_url.empty())
    options.base_url = "http://" + options.host + ":" + std::to_string(server.port());
  invitations.set_base_url(options.base_url);
  accounts.set_base_url(options.base_url);
  team.set_base_url(options.base_url);
  Milter milter(mailflow);
  if (!options.milter.empty()) {
    if (std::string e = milter.start(options.milter); !e.empty()) {
      std::cerr << "signet-server: --milter: " << e << "\n";
      return 1;
    }
    std::cout << "Signet: mail flow milter on " << options.milter << std::endl;
  }
  mail.start();
  deployments.start();
  renewals.start();
  pruning.start();

  std::thread([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::cout << "Signet: stopping (signal " << sig << ")" << std::endl;
    server.stop();
  }).detach();

  std::cout << "Signet listening on http://" << options.host << ":" << server.port()
            << " (database " << printable_database(options.db) << ", web " << options.web_dir << ")" << std::endl;
  if (auto token = auth.issue_setup_token())
    std::cout << "Signet: no reseller account yet. Open " << options.base_url << "/setup/" << *token
              << " to create the first one." << std::endl;
  else
    std::cout << "Signet: ready. Sign in at " << options.base_url << "/" << std::endl;

  server.serve();
  milter.stop();
  deployments.stop();
  renewals.stop();
  pruning.stop();
  mail.stop();
  std::cout << "Signet: stopped cleanly" << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "admin") {
    args.erase(args.begin());
    return run_admin(args);
  }
  try {
    return serve(args, argv[0]);
  } catch (const std::exception& e) {
    // E.g. a database on a read-only or full disk, or a newer schema: say so and stop.
    std::cerr << "signet-server: cannot start: " << e.what() << std::endl;
    return 1;
  }
}
