// Overlay files: the documented format reads; anything else is an error naming the key.
#include "app/core/overlay.h"

#include <gtest/gtest.h>

namespace litescope {
namespace {

TEST(Overlay, ReadsTheDocumentedFormat) {
  Result<Overlay> o = ParseOverlay(R"({"format": "litescope.overlay", "format_version": 1, "title": "latency",
                                      "unit": "ms", "model": "m.tflite", "subgraph": 1,
                                      "values": {"0": 1.5, "3": 0.25, "7": 4}})",
                                   "t.json");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->title, "latency");
  EXPECT_EQ(o->unit, "ms");
  EXPECT_EQ(o->subgraph, 1);
  EXPECT_EQ(o->values.size(), 3u);
  EXPECT_EQ(o->values.at(3), 0.25);
  EXPECT_EQ(o->min, 0.25);
  EXPECT_EQ(o->max, 4);
  EXPECT_DOUBLE_EQ(OverlayPosition(*o, 1.5), (1.5 - 0.25) / 3.75);
}

TEST(Overlay, RejectsWhatIsNotAnOverlay) {
  const std::pair<const char*, const char*> cases[] = {
      {"{", "not valid JSON"},
      {R"({"format": "other", "format_version": 1, "values": {}})", "\"format\""},
      {R"({"format": "litescope.overlay", "format_version": 2, "values": {}})", "format_version"},
      {R"({"format": "litescope.overlay", "format_version": 1})", "\"values\""},
      {R"({"format": "litescope.overlay", "format_version": 1, "values": {"a": 1}})", "key \"a\""},
      {R"({"format": "litescope.overlay", "format_version": 1, "values": {"-1": 1}})", "key \"-1\""},
      {R"({"format": "litescope.overlay", "format_version": 1, "values": {"2": "x"}})", "node 2"},
      {R"({"format": "litescope.overlay", "format_version": 1, "title": 3, "values": {}})", "\"title\""},
      {R"({"format": "litescope.overlay", "format_version": 1, "subgraph": -1, "values": {}})", "\"subgraph\""},
  };
  for (const auto& [text, expected] : cases) {
    Result<Overlay> o = ParseOverlay(text, "bad.json");
    ASSERT_FALSE(o.ok()) << text;
    EXPECT_NE(o.status().message().find(expected), std::string::npos) << o.status().message();
    EXPECT_NE(o.status().message().find("bad.json"), std::string::npos);
  }
}

TEST(Overlay, MissingFileIsAnIoError) {
  Result<Overlay> o = ReadOverlay("/nonexistent/overlay.json");
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace litescope
