#include "engine/model/options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/model/model_builder.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

// Loads a model whose only operator is `op` with two float inputs and one output, and
// `options`; `edit` may change the operator afterwards (e.g. set builtin_options_2).
std::unique_ptr<Model> OneOp(tflite::BuiltinOperator op, tflite::BuiltinOptionsUnion options,
                             void (*edit)(tflite::OperatorT&) = nullptr) {
  ModelBuilder b;
  int a = b.AddTensor("a", tflite::TensorType_FLOAT32, {1, 2});
  int c = b.AddTensor("c", tflite::TensorType_FLOAT32, {1, 2});
  int out = b.AddTensor("out", tflite::TensorType_FLOAT32, {1, 2});
  b.AddOperator(op, {a, c}, {out}, std::move(options));
  if (edit != nullptr) edit(*b.model().subgraphs[0]->operators[0]);
  return testing::BuildAndLoad(b);
}

std::vector<std::string> FieldNames(const std::vector<OptionField>& fields) {
  std::vector<std::string> names;
  for (const OptionField& f : fields) names.push_back(f.name);
  return names;
}

const OptionField& Field(const std::vector<OptionField>& fields, const std::string& name) {
  for (const OptionField& f : fields) {
    if (f.name == name) return f;
  }
  ADD_FAILURE() << "no option field " << name << " among " << ::testing::PrintToString(FieldNames(fields));
  static const OptionField kMissing{"missing", false, ""};
  return kMissing;
}

template <typename T>
void ExpectField(const std::vector<OptionField>& fields, const std::string& name, const T& value,
                 const std::string& text) {
  const OptionField& f = Field(fields, name);
  ASSERT_TRUE(std::holds_alternative<T>(f.value)) << name << " holds variant alternative " << f.value.index();
  EXPECT_EQ(std::get<T>(f.value), value) << name;
  EXPECT_EQ(f.text, text) << name;
}

TEST(OptionsTest, Conv2D) {
  tflite::Conv2DOptionsT conv;
  conv.padding = tflite::Padding_SAME;
  conv.stride_w = 2;
  conv.stride_h = 3;
  conv.fused_activation_function = tflite::ActivationFunctionType_RELU6;
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_CONV_2D, Options(conv));
  ASSERT_TRUE(m);
  OperatorView op = m->subgraph(0).op(0);
  std::vector<OptionField> fields = DecodeOptions(op);
  EXPECT_EQ(FieldNames(fields), (std::vector<std::string>{"padding", "stride_w", "stride_h",
                                                          "fused_activation_function", "dilation_w_factor",
                                                          "dilation_h_factor", "quantized_bias_type"}));
  ExpectField(fields, "padding", std::string("SAME"), "SAME");
  ExpectField(fields, "stride_w", int64_t{2}, "2");
  ExpectField(fields, "stride_h", int64_t{3}, "3");
  ExpectField(fields, "fused_activation_function", std::string("RELU6"), "RELU6");
  ExpectField(fields, "quantized_bias_type", std::string("FLOAT32"), "FLOAT32");
  EXPECT_EQ(OptionsTypeName(op), "Conv2DOptions");
}

TEST(OptionsTest, DefaultsAppearWhenTheFileOmitsThem) {
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_CONV_2D, Options(tflite::Conv2DOptionsT{}));
  ASSERT_TRUE(m);
  OperatorView op = m->subgraph(0).op(0);
  // The writer leaves fields at their default out of the file...
  auto* table = reinterpret_cast<const flatbuffers::Table*>(op.fb().builtin_options());
  ASSERT_NE(table, nullptr);
  EXPECT_FALSE(table->CheckField(tflite::Conv2DOptions::VT_DILATION_W_FACTOR));
  EXPECT_FALSE(table->CheckField(tflite::Conv2DOptions::VT_PADDING));
  // ...and the decoder shows them as TFLite reads them.
  std::vector<OptionField> fields = DecodeOptions(op);
  ExpectField(fields, "dilation_w_factor", int64_t{1}, "1");
  ExpectField(fields, "dilation_h_factor", int64_t{1}, "1");
  ExpectField(fields, "padding", std::string("SAME"), "SAME");  // Padding's first value
  ExpectField(fields, "stride_w", int64_t{0}, "0");
  ExpectField(fields, "fused_activation_function", std::string("NONE"), "NONE");
}

TEST(OptionsTest, FullyConnected) {
  tflite::FullyConnectedOptionsT fc;
  fc.fused_activation_function = tflite::ActivationFunctionType_RELU;
  fc.keep_num_dims = true;
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_FULLY_CONNECTED, Options(fc));
  ASSERT_TRUE(m);
  OperatorView op = m->subgraph(0).op(0);
  std::vector<OptionField> fields = DecodeOptions(op);
  ExpectField(fields, "fused_activation_function", std::string("RELU"), "RELU");
  ExpectField(fields, "weights_format", std::string("DEFAULT"), "DEFAULT");
  ExpectField(fields, "keep_num_dims", true, "true");
  ExpectField(fields, "asymmetric_quantize_inputs", false, "false");
  EXPECT_EQ(OptionsTypeName(op), "FullyConnectedOptions");
}

TEST(OptionsTest, ReshapeNewShapeIsAVector) {
  tflite::ReshapeOptionsT reshape;
  reshape.new_shape = {1, -1, 4};
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_RESHAPE, Options(reshape));
  ASSERT_TRUE(m);
  std::vector<OptionField> fields = DecodeOptions(m->subgraph(0).op(0));
  EXPECT_EQ(FieldNames(fields), std::vector<std::string>{"new_shape"});
  ExpectField(fields, "new_shape", std::vector<int64_t>{1, -1, 4}, "[1, -1, 4]");
}

TEST(OptionsTest, AnAbsentVectorIsEmpty) {
  // TFLite's converter writes RESHAPE with empty options when the shape is an input.
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_RESHAPE, Options(tflite::ReshapeOptionsT{}));
  ASSERT_TRUE(m);
  std::vector<OptionField> fields = DecodeOptions(m->subgraph(0).op(0));
  ExpectField(fields, "new_shape", std::vector<int64_t>{}, "[]");
}

TEST(OptionsTest, SoftmaxBetaIsAFloat) {
  tflite::SoftmaxOptionsT softmax;
  softmax.beta = 0.5f;
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_SOFTMAX, Options(softmax),
                                   [](tflite::OperatorT& op) { op.inputs.resize(1); });
  ASSERT_TRUE(m);
  OperatorView op = m->subgraph(0).op(0);
  ExpectField(DecodeOptions(op), "beta", 0.5, "0.5");
  EXPECT_EQ(OptionsTypeName(op), "SoftmaxOptions");
}

TEST(OptionsTest, AnOperatorWithoutOptionsHasNone) {
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_ADD, {});
  ASSERT_TRUE(m);
  OperatorView op = m->subgraph(0).op(0);
  EXPECT_EQ(op.options_type(), tflite::BuiltinOptions_NONE);
  EXPECT_TRUE(DecodeOptions(op).empty());
  EXPECT_EQ(OptionsTypeName(op), "");
}

TEST(OptionsTest, BuiltinOptions2) {
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_STABLEHLO_CONCATENATE, {}, [](tflite::OperatorT& op) {
    tflite::StablehloConcatenateOptionsT concat;
    concat.dimension = 1;
    op.builtin_options_2.Set(std::move(concat));
  });
  ASSERT_TRUE(m);
  OperatorView op = m->subgraph(0).op(0);
  std::vector<OptionField> fields = DecodeOptions(op);
  EXPECT_EQ(FieldNames(fields), std::vector<std::string>{"dimension"});
  ExpectField(fields, "dimension", int64_t{1}, "1");
  EXPECT_EQ(OptionsTypeName(op), "StablehloConcatenateOptions");
}

TEST(OptionsTest, AnOptionsTypeNewerThanOurSchemaDecodesToNothing) {
  std::unique_ptr<Model> m = OneOp(tflite::BuiltinOperator_ADD, {}, [](tflite::OperatorT& op) {
    op.builtin_options.type = static_cast<tflite::BuiltinOptions>(tflite::BuiltinOptions_MAX + 1);
  });
  ASSERT_TRUE(m);
  OperatorView op = m->subgraph(0).op(0);
  EXPECT_TRUE(DecodeOptions(op).empty());
  EXPECT_EQ(OptionsTypeName(op), "");
}

}  // namespace
}  // namespace litescope
