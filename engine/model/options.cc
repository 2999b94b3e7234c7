#include "engine/model/options.h"

#include <flatbuffers/minireflect.h>

#include <sstream>

namespace litescope {
namespace {

std::string FormatDouble(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// Collects the top-level fields of one table. Nested tables and vectors of tables do not occur
// in builtin options except StableHLO's; they are rendered as text only.
class FieldCollector : public flatbuffers::IterationVisitor {
 public:
  std::vector<OptionField> fields;

  void StartSequence() override { ++depth_; }
  void EndSequence() override { --depth_; }
  void Field(size_t, size_t, flatbuffers::ElementaryType type, bool is_vector, const flatbuffers::TypeTable*,
             const char* name, const uint8_t* value) override {
    if (depth_ != 1) return;
    OptionField field{name ? name : "?", false, ""};
    // Scalars are always present (ForceDefaults); an absent vector or string is empty.
    if (value == nullptr && is_vector) {
      field.value = std::vector<int64_t>();
      field.text = "[]";
    } else if (value == nullptr && type == flatbuffers::ET_STRING) {
      field.value = std::string();
    }
    fields.push_back(std::move(field));
    in_vector_ = false;
  }
  void StartVector() override {
    if (depth_ == 1 && !fields.empty()) in_vector_ = true;
  }
  void EndVector() override {
    if (depth_ != 1 || fields.empty() || !in_vector_) return;
    OptionField& f = fields.back();
    std::string text = "[";
    if (!vec_f_.empty()) {
      for (size_t i = 0; i < vec_f_.size(); ++i) text += (i ? ", " : "") + FormatDouble(vec_f_[i]);
      f.value = vec_f_;
    } else {
      for (size_t i = 0; i < vec_i_.size(); ++i) text += (i ? ", " : "") + std::to_string(vec_i_[i]);
      f.value = vec_i_;
    }
    f.text = text + "]";
    vec_i_.clear();
    vec_f_.clear();
    in_vector_ = false;
  }

  void Bool(bool x) override { SetBool(x); }
  void Char(int8_t x, const char* name) override { SetInt(x, name); }
  void UChar(uint8_t x, const char* name) override { SetInt(x, name); }
  void Short(int16_t x, const char* name) override { SetInt(x, name); }
  void UShort(uint16_t x, const char* name) override { SetInt(x, name); }
  void Int(int32_t x, const char* name) override { SetInt(x, name); }
  void UInt(uint32_t x, const char* name) override { SetInt(x, name); }
  void Long(int64_t x) override { SetInt(x, nullptr); }
  void ULong(uint64_t x) override { SetInt(static_cast<int64_t>(x), nullptr); }
  void Float(float x) override { SetFloat(x); }
  void Double(double x) override { SetFloat(x); }
  void String(const flatbuffers::String* s) override {
    if (depth_ != 1 || fields.empty() || in_vector_) return;
    fields.back().value = s->str();
    fields.back().text = s->str();
  }

 private:
  void SetBool(bool x) {
    if (depth_ != 1 || fields.empty()) return;
    if (in_vector_) {
      vec_i_.push_back(x);
      return;
    }
    fields.back().value = x;
    fields.back().text = x ? "true" : "false";
  }
  void SetInt(int64_t x, const char* enum_name) {
    if (depth_ != 1 || fields.empty()) return;
    if (in_vector_) {
      vec_i_.push_back(x);
      return;
    }
    if (enum_name != nullptr) {
      fields.back().value = std::string(enum_name);
      fields.back().text = enum_name;
      return;
    }
    fields.back().value = x;
    fields.back().text = std::to_string(x);
  }
  void SetFloat(double x) {
    if (depth_ != 1 || fields.empty()) return;
    if (in_vector_) {
      vec_f_.push_back(x);
      return;
    }
    fields.back().value = x;
    fields.back().text = FormatDouble(x);
  }

  int depth_ = 0;
  bool in_vector_ = false;
  std::vector<int64_t> vec_i_;
  std::vector<double> vec_f_;
};

// Decodes `table` of union member `type` of a union whose type table is `union_table`, after
// re-packing it with every default written out, so absent fields show their schema default.
template <typename UnionT, typename UnionEnum>
std::vector<OptionField> DecodeUnion(const void* table, UnionEnum type,
                                     const flatbuffers::TypeTable* union_table) {
  if (table == nullptr || static_cast<int>(type) == 0) return {};
  size_t member = static_cast<size_t>(type);
  if (member > union_table->num_elems - 1) return {};
  UnionT object;
  object.type = type;
  object.value = UnionT::UnPack(table, type, nullptr);
  if (object.value == nullptr) return {};
  flatbuffers::FlatBufferBuilder fbb;
  fbb.ForceDefaults(true);
  fbb.Finish(object.Pack(fbb));
  // The union's type table lists NONE first; member i's table is type_refs[sequence_ref].
  const flatbuffers::TypeCode& code = union_table->type_codes[member];
  const flatbuffers::TypeTable* member_table = union_table->type_refs[code.sequence_ref]();
  FieldCollector collector;
  flatbuffers::IterateObject(flatbuffers::GetRoot<uint8_t>(fbb.GetBufferPointer()), member_table, &collector);
  return collector.fields;
}

}  // namespace

std::vector<OptionField> DecodeOptions(const OperatorView& op) {
  const tflite::Operator& o = op.fb();
  if (o.builtin_options_type() != tflite::BuiltinOptions_NONE) {
    return DecodeUnion<tflite::BuiltinOptionsUnion>(o.builtin_options(), o.builtin_options_type(),
                                                   tflite::BuiltinOptionsTypeTable());
  }
  if (o.builtin_options_2_type() != tflite::BuiltinOptions2_NONE) {
    return DecodeUnion<tflite::BuiltinOptions2Union>(o.builtin_options_2(), o.builtin_options_2_type(),
                                                    tflite::BuiltinOptions2TypeTable());
  }
  return {};
}

std::string OptionsTypeName(const OperatorView& op) {
  const tflite::Operator& o = op.fb();
  if (o.builtin_options_type() != tflite::BuiltinOptions_NONE) {
    const char* n = tflite::EnumNameBuiltinOptions(o.builtin_options_type());
    return n ? n : "";
  }
  if (o.builtin_options_2_type() != tflite::BuiltinOptions2_NONE) {
    const char* n = tflite::EnumNameBuiltinOptions2(o.builtin_options_2_type());
    return n ? n : "";
  }
  return "";
}

}  // namespace litescope
