#include "libs/redis/reply_reader.h"

#include <cstddef>
#include <new>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace meldpunt::redis {
namespace {

// Arrays grow as their elements arrive rather than being sized from the declared count, so a
// lying "*2000000000" header costs nothing. This only caps the up-front reservation.
constexpr int kReserveMax = 64;

// hiredis creates a child only after its parent array, in index order, and never touches an
// earlier sibling again once the next one starts. So a child lives inside its parent's vector
// and the pointer handed back to hiredis stays valid for as long as hiredis uses it: the vector
// only grows when a sibling is appended, after the previous sibling is complete.
void* Attach(const redisReadTask* task, RedisReply&& value) {
  if (task->parent == nullptr) return new (std::nothrow) RedisReply(std::move(value));
  auto* parent = static_cast<RedisReply*>(task->parent->obj);
  if (parent == nullptr || !parent->is_array() || task->idx < 0 ||
      static_cast<std::size_t>(task->idx) != parent->elements.size()) {
    return nullptr;  // hiredis turns this into a reader error
  }
  parent->elements.push_back(std::move(value));
  return &parent->elements.back();
}

// Every callback is called from C: nothing may throw through it.
void* CreateString(const redisReadTask* task, char* str, std::size_t len) {
  // hiredis computed len from a length prefix sent by the server; make sure it really lies
  // inside the bytes the reader holds before copying (privdata is the reader itself).
  if (const auto* reader = static_cast<const redisReader*>(task->privdata); reader != nullptr) {
    if (str < reader->buf || len > reader->len ||
        static_cast<std::size_t>(str - reader->buf) > reader->len - len) {
      return nullptr;
    }
  }
  try {
    std::string value(str, len);
    switch (task->type) {
      case REDIS_REPLY_STRING:
        return Attach(task, RedisReply::String(std::move(value)));
      case REDIS_REPLY_STATUS:
        return Attach(task, RedisReply::Status(std::move(value)));
      case REDIS_REPLY_ERROR:
        return Attach(task, RedisReply::Error(std::move(value)));
      default:
        return nullptr;
    }
  } catch (...) {
    return nullptr;
  }
}

void* CreateArray(const redisReadTask* task, int elements) {
  if (elements < 0) return nullptr;
  try {
    RedisReply array = RedisReply::Array({});
    array.elements.reserve(elements < kReserveMax ? elements : kReserveMax);
    return Attach(task, std::move(array));
  } catch (...) {
    return nullptr;
  }
}

void* CreateInteger(const redisReadTask* task, long long value) {
  try {
    return Attach(task, RedisReply::Integer(value));
  } catch (...) {
    return nullptr;
  }
}

void* CreateNil(const redisReadTask* task) {
  try {
    return Attach(task, RedisReply::Nil());
  } catch (...) {
    return nullptr;
  }
}

// hiredis frees only roots (a finished reply nobody took, or a partial one after an error).
void FreeObject(void* object) { delete static_cast<RedisReply*>(object); }

redisReplyObjectFunctions kFunctions = {CreateString, CreateArray, CreateInteger, CreateNil,
                                        FreeObject};

}  // namespace

redisReader* NewReplyReader() {
  redisReader* reader = redisReaderCreateWithFunctions(&kFunctions);
  if (reader != nullptr) reader->privdata = reader;
  return reader;
}

RedisReply TakeReply(void* object) {
  auto* reply = static_cast<RedisReply*>(object);
  RedisReply value = std::move(*reply);
  delete reply;
  return value;
}

absl::StatusOr<std::vector<RedisReply>> ParseReplies(std::string_view bytes) {
  redisReader* reader = NewReplyReader();
  if (reader == nullptr) return absl::ResourceExhaustedError("cannot allocate a reply reader");
  std::vector<RedisReply> replies;
  absl::Status status;
  if (redisReaderFeed(reader, bytes.data(), bytes.size()) != REDIS_OK) {
    status = absl::DataLossError(absl::StrCat("redis reply: ", reader->errstr));
  }
  while (status.ok()) {
    void* object = nullptr;
    if (redisReaderGetReply(reader, &object) != REDIS_OK) {
      status = absl::DataLossError(absl::StrCat("redis reply: ", reader->errstr));
      break;
    }
    if (object == nullptr) break;
    replies.push_back(TakeReply(object));
  }
  // Unconsumed bytes (a partial item) or a partially built array mean the input stopped
  // in the middle of a reply.
  if (status.ok() && (reader->pos < reader->len || reader->reply != nullptr)) {
    status = absl::OutOfRangeError("redis reply: incomplete");
  }
  redisReaderFree(reader);
  if (!status.ok()) return status;
  return replies;
}

}  // namespace meldpunt::redis
