#pragma once
/// libcurl ownership shared by every outbound client (the openai provider, Stripe, SMTP): one
/// global initialisation, and RAII for easy handles and header lists.

#include <curl/curl.h>

#include <memory>

namespace practicum::server::net {

/// curl_global_init, once per process, before the first handle; throws std::runtime_error.
void initCurlOnce();

struct EasyDeleter {
  void operator()(CURL* e) const { curl_easy_cleanup(e); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

/// A new easy handle (after initCurlOnce); throws std::runtime_error when libcurl cannot make one.
EasyHandle makeEasy();

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

/// Appends `line` to `list`; throws std::bad_alloc when libcurl cannot.
void append(HeaderList& list, const char* line);

}  // namespace practicum::server::net
