// signet-loadgen: N concurrent keep-alive clients on loopback, a mixed workload of the
// portal's calls for a bounded time, then throughput, latency percentiles and errors.
//   signet-loadgen --port P --email E --password-file F [--clients 100] [--seconds 10]
// Mix per client: 75% list (sorted/searched), 14% create, 10% patch, 1% sign-in of a
// second session (argon2id at 64 MiB: deliberately expensive, so rare as in real use).
// Prints one line per operation kind and a total; exit 1 on any 5xx.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
  std::vector<double> latencies_ms;
  long ok = 0, client_errors = 0, server_errors = 0, transport_errors = 0, locked = 0;
};

struct Options {
  int port = 8080, clients = 100, seconds = 10;
  std::string email, password;
};

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  o.port = std::stoi(arg(argc, argv, "--port", "8080"));
  o.clients = std::stoi(arg(argc, argv, "--clients", "100"));
  o.seconds = std::stoi(arg(argc, argv, "--seconds", "10"));
  o.email = arg(argc, argv, "--email", "");
  {
    std::ifstream in(arg(argc, argv, "--password-file", "/dev/null"));
    std::getline(in, o.password);
  }
  const json credentials = {{"email", o.email}, {"password", o.password}};

  // One session shared by the clients (as one busy reseller with many tabs would have).
  httplib::Client login("127.0.0.1", o.port);
  auto r = login.Post("/api/session", credentials.dump(), "application/json");
  if (!r || r->status != 200) {
    std::fprintf(stderr, "loadgen: cannot sign in (%d)\n", r ? r->status : 0);
    return 2;
  }
  const std::string cookie = r->get_header_value("Set-Cookie").substr(0, r->get_header_value("Set-Cookie").find(';'));
  const std::string csrf = json::parse(r->body)["csrf_token"];

  std::mutex mutex;
  std::map<std::string, Stats> stats;
  std::atomic<long> created_ids{0};
  const auto deadline = Clock::now() + std::chrono::seconds(o.seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < o.clients; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937 random(static_cast<unsigned>(c) * 7919u + 1u);
      httplib::Client client("127.0.0.1", o.port);
      client.set_keep_alive(true);
      client.set_read_timeout(30, 0);
      const httplib::Headers headers = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
      std::map<std::string, Stats> local;
      int n = 0;
      static const char* sorts[] = {"customer_name", "-user_count", "next_payment_date", "-customer_name"};
      static const char* searches[] = {"", "klant", "cafe", "b.v", "%C5%82o"};  // URL-encoded
      while (Clock::now() < deadline) {
        const int pick = static_cast<int>(random() % 100);
        std::string kind;
        const auto start = Clock::now();
        httplib::Result res{nullptr, httplib::Error::Unknown};
        if (pick < 75) {
          kind = "list";
          res = client.Get(("/api/subscriptions?per_page=50&sort=" + std::string(sorts[random() % 4]) +
                            "&q=" + searches[random() % 5]).c_str(), headers);
        } else if (pick < 89) {
          kind = "create";
          const json body = {{"product", random() % 2 ? "m365" : "google_workspace"},
                             {"customer_name", "Load Klant " + std::to_string(c) + "-" + std::to_string(++n) + " B.V."},
                             {"user_count", 1 + random() % 50}};
          res = client.Post("/api/subscriptions", headers, body.dump(), "application/json");
          if (res && res->status == 201) created_ids = json::parse(res->body)["id"].get<long>();
        } else if (pick < 99) {
          kind = "patch";
          const long id = created_ids.load();
          if (id == 0) continue;
          res = client.Patch(("/api/subscriptions/" + std::to_string(1 + random() % id)).c_str(), headers,
                             json{{"user_count", 1 + random() % 60}}.dump(), "application/json");
        } else {
          kind = "sign-in";
          res = client.Post("/api/session", credentials.dump(), "application/json");
        }
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        Stats& s = local[kind];
        s.latencies_ms.push_back(ms);
        if (!res) ++s.transport_errors;
        else if (res->status >= 500) {
          ++s.server_errors;
          if (res->body.find("unavailable") != std::string::npos) ++s.locked;
        } else if (res->status >= 400) ++s.client_errors;
        else ++s.ok;
      }
      std::lock_guard<std::mutex> lock(mutex);
      for (auto& [k, s] : local) {
        Stats& t = stats[k];
        t.latencies_ms.insert(t.latencies_ms.end(), s.latencies_ms.begin(), s.latencies_ms.end());
        t.ok += s.ok;
        t.client_errors += s.client_errors;
        t.server_errors += s.server_errors;
        t.transport_errors += s.transport_errors;
        t.locked += s.locked;
      }
    });
  }
  for (auto& t : threads) t.join();

  Stats total;
  std::printf("%-8s %9s %9s %9s %9s %6s %6s %6s %7s\n", "kind", "requests", "req/s", "p50 ms", "p99 ms", "4xx", "5xx",
              "conn", "locked");
  for (auto& [k, s] : stats) {
    std::printf("%-8s %9zu %9.0f %9.2f %9.2f %6ld %6ld %6ld %7ld\n", k.c_str(), s.latencies_ms.size(),
                static_cast<double>(s.latencies_ms.size()) / o.seconds, percentile(s.latencies_ms, 0.5),
                percentile(s.latencies_ms, 0.99), s.client_errors, s.server_errors, s.transport_errors, s.locked);
    total.latencies_ms.insert(total.latencies_ms.end(), s.latencies_ms.begin(), s.latencies_ms.end());
    total.server_errors += s.server_errors;
    total.transport_errors += s.transport_errors;
    total.client_errors += s.client_errors;
    total.locked += s.locked;
  }
  std::printf("%-8s %9zu %9.0f %9.2f %9.2f %6ld %6ld %6ld %7ld\n", "total", total.latencies_ms.size(),
              static_cast<double>(total.latencies_ms.size()) / o.seconds, percentile(total.latencies_ms, 0.5),
              percentile(total.latencies_ms, 0.99), total.client_errors, total.server_errors, total.transport_errors,
              total.locked);
  std::printf("clients %d, %d s; target: zero 5xx, zero 'database is locked' reaching a client -> %s\n", o.clients,
              o.seconds, total.server_errors == 0 && total.transport_errors == 0 ? "met" : "NOT met");
  return total.server_errors == 0 && total.transport_errors == 0 ? 0 : 1;
}
