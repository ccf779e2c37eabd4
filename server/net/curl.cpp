#include "server/net/curl.h"

#include <mutex>
#include <new>
#include <stdexcept>

namespace practicum::server::net {

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

EasyHandle makeEasy() {
  initCurlOnce();
  EasyHandle easy(curl_easy_init());
  if (!easy) throw std::runtime_error("libcurl could not create a transfer");
  return easy;
}

void append(HeaderList& list, const char* line) {
  auto* grown = curl_slist_append(list.get(), line);  // the same list, one longer (or null)
  if (!grown) throw std::bad_alloc();
  list.release();
  list.reset(grown);
}

}  // namespace practicum::server::net
