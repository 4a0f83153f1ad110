#include "base/json_reader.h"

#include <rapidjson/error/en.h>

#include <algorithm>
#include <cmath>

namespace gigscout::json {

Result<rapidjson::Document> parse(std::string_view text, std::string_view what) {
    rapidjson::Document doc;
    constexpr unsigned kFlags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    doc.Parse<kFlags>(text.data(), text.size());
    if (doc.HasParseError()) {
        std::size_t offset = doc.GetErrorOffset();
        std::size_t line =
            1 + static_cast<std::size_t>(
                    std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
        std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
        std::size_t column =
            line_start == std::string_view::npos ? offset + 1 : offset - line_start;
        return Error{std::string(what) + ": line " + std::to_string(line) + ", column " +
                     std::to_string(column) + ": " +
                     rapidjson::GetParseError_En(doc.GetParseError())};
    }
    return doc;
}

std::string_view type_name(const rapidjson::Value& v) {
    switch (v.GetType()) {
        case rapidjson::kNullType:
            return "null";
        case rapidjson::kFalseType:
        case rapidjson::kTrueType:
            return "a boolean";
        case rapidjson::kObjectType:
            return "an object";
        case rapidjson::kArrayType:
            return "an array";
        case rapidjson::kStringType:
            return "a string";
        case rapidjson::kNumberType:
            return "a number";
    }
    return "a value";
}

FieldReader::FieldReader(const rapidjson::Value& object, std::string path)
    : object_(object), path_(std::move(path)) {}

std::string FieldReader::path_of(const char* key) const {
    return path_.empty() ? std::string(key) : path_ + "." + key;
}

void FieldReader::fail(const char* key, std::string_view what) {
    if (!error_) {
        error_ = Error{"field `" + path_of(key) + "`: " + std::string(what)};
    }
}

void FieldReader::reject_unknown(std::initializer_list<std::string_view> known) {
    if (!object_.IsObject()) {
        return;
    }
    for (auto it = object_.MemberBegin(); it != object_.MemberEnd(); ++it) {
        std::string_view name(it->name.GetString(), it->name.GetStringLength());
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string key(name);
            fail(key.c_str(), "unknown field");
            return;
        }
    }
}

const rapidjson::Value* FieldReader::member(const char* key, Need need,
                                            bool (rapidjson::Value::*is)() const,
                                            std::string_view expected) {
    if (error_ || !object_.IsObject()) {
        return nullptr;
    }
    auto it = object_.FindMember(key);
    if (it == object_.MemberEnd() || it->value.IsNull()) {
        if (need == Required) {
            fail(key, "is required");
        }
        return nullptr;
    }
    if (is != nullptr && !(it->value.*is)()) {
        fail(key,
             "expected " + std::string(expected) + ", got " + std::string(type_name(it->value)));
        return nullptr;
    }
    return &it->value;
}

std::optional<std::string> FieldReader::string(const char* key, Need need) {
    const auto* v = member(key, need, &rapidjson::Value::IsString, "a string");
    if (v == nullptr) {
        return std::nullopt;
    }
    return std::string(v->GetString(), v->GetStringLength());
}

std::optional<double> FieldReader::number(const char* key, Need need) {
    const auto* v = member(key, need, &rapidjson::Value::IsNumber, "a number");
    if (v == nullptr) {
        return std::nullopt;
    }
    double d = v->GetDouble();
    if (!std::isfinite(d)) {
        fail(key, "expected a finite number");
        return std::nullopt;
    }
    return d;
}

std::optional<std::int64_t> FieldReader::integer(const char* key, Need need) {
    const auto* v = member(key, need, &rapidjson::Value::IsNumber, "an integer");
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->IsInt64()) {
        return v->GetInt64();
    }
    double d = v->GetDouble();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
        return static_cast<std::int64_t>(d);
    }
    fail(key, "expected an integer, got " + std::to_string(d));
    return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const char* key, Need need) {
    const auto* v = member(key, need, &rapidjson::Value::IsBool, "true or false");
    if (v == nullptr) {
        return std::nullopt;
    }
    return v->GetBool();
}

const rapidjson::Value* FieldReader::object(const char* key, Need need) {
    return member(key, need, &rapidjson::Value::IsObject, "an object");
}

const rapidjson::Value* FieldReader::array(const char* key, Need need) {
    return member(key, need, &rapidjson::Value::IsArray, "an array");
}

const rapidjson::Value* FieldReader::any(const char* key, Need need) {
    return member(key, need, nullptr, "");
}

}  // namespace gigscout::json
