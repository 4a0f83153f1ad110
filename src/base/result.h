// Expected failures (bad input, bad plugin, network) travel as values, never as exceptions.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace gigscout {

// A failure a person can act on: `message` names the thing and what is wrong with it.
struct Error {
    std::string message;
    // The user's file or argument is at fault (a front end's "bad input": the CLI's exit 2), not
    // the system or the program.
    bool bad_input = false;
};

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    const Error& error() const {
        assert(!ok());
        return std::get<1>(state_);
    }

  private:
    std::variant<T, Error> state_;
};

// For operations that return nothing on success.
struct Ok {};
using Status = Result<Ok>;

}  // namespace gigscout
