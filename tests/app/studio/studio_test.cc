// The desktop app on Qt's offscreen platform: every shared model opens with the right node and
// edge counts, search finds nodes, a selected node fills the panel, the tensor viewer's histogram
// equals a direct count, a corrupt file shows the loader's error, and the item models pass
// QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <filesystem>
#include <fstream>

#include "app/core/tensor_stats.h"
#include "app/core/tensor_values_model.h"
#include "app/studio/graph_view.h"
#include "app/studio/main_window.h"
#include "app/studio/model_tab.h"
#include "app/studio/tensor_viewer.h"
#include "resources/samples/sample_models.h"
#include "tests/app/expected_counts.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

fs::path Shared() {
  const char* env = std::getenv("LITESCOPE_SHARED_DIR");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path(LITESCOPE_SHARED_DIR);
}

fs::path WriteSample(const std::string& name, ModelBuilder builder) {
  const fs::path dir = fs::temp_directory_path() / ("litescope_studio_test_" + std::to_string(QCoreApplication::applicationPid()));
  fs::create_directories(dir);
  const fs::path path = dir / name;
  if (!builder.WriteFile(path.string()).ok()) qFatal("cannot write %s", path.c_str());
  return path;
}

// Waits for a tab to finish loading; false on timeout.
bool WaitLoaded(ModelTab* tab) {
  return QTest::qWaitFor([tab] { return !tab->loading() && (tab->scene() != nullptr || !tab->error().isEmpty()); }, 60000);
}

}  // namespace

class StudioTest : public QObject {
  Q_OBJECT

 private slots:
  void init() {
    window_ = std::make_unique<MainWindow>();
    window_->set_quiet_errors(true);
    window_->show();
  }
  void cleanup() { window_.reset(); }

  void opensEverySharedModel() {
    if (!fs::exists(Shared() / "models")) QSKIP("../shared/models is absent");
    int opened = 0;
    for (const auto& entry : fs::recursive_directory_iterator(Shared() / "models")) {
      if (entry.path().extension() != ".tflite") continue;
      ModelTab* tab = window_->OpenFile(QString::fromStdString(entry.path().string()));
      QVERIFY2(WaitLoaded(tab), entry.path().c_str());
      if (!tab->error().isEmpty()) {  // refused by the loader: the message names the file
        QVERIFY(tab->error().contains(QString::fromStdString(entry.path().filename().string())));
        continue;
      }
      const auto [nodes, edges] = testing::ExpectedViewCounts(*tab->model()->fb().subgraphs()->Get(0));
      QCOMPARE(tab->scene()->graph().nodes.size(), nodes);
      QCOMPARE(tab->scene()->graph().edges.size(), edges);
      ++opened;
      emit window_->tabs()->tabCloseRequested(0);
      QCoreApplication::processEvents();
    }
    QVERIFY(opened >= 80);
  }

  void searchFindsNodes() {
    ModelTab* tab = window_->OpenFile(QString::fromStdString(WriteSample("sample.tflite", SampleClassifier()).string()));
    QVERIFY(WaitLoaded(tab));
    QCOMPARE(tab->Search("conv_2d", false), 3);         // by op type, ignoring case: DEPTHWISE_CONV_2D too
    QCOMPARE(tab->Search("^CONV_2D$", true), 2);
    QCOMPARE(tab->Search("^conv1/", true), 2);           // by tensor name (its writer and its reader), regex
    QCOMPARE(tab->Search("logits|probabilities", true), 3);  // FC and SOFTMAX by tensor, the output node by title
    const int first = tab->view()->selected();
    tab->NextMatch(1);
    QVERIFY(tab->view()->selected() != first);
    QCOMPARE(tab->match_index(), 1);
    QCOMPARE(tab->Search("(", true), 0);                  // a broken regex matches nothing
  }

  void selectingANodeFillsThePanel() {
    ModelTab* tab = window_->OpenFile(QString::fromStdString(WriteSample("sample.tflite", SampleClassifier()).string()));
    QVERIFY(WaitLoaded(tab));
    const int conv = tab->scene()->graph().node_of_op[0];
    tab->SelectNode(conv);
    const QString text = tab->node_panel()->toPlainText();
    QVERIFY(text.contains("CONV_2D"));
    QVERIFY(text.contains("conv1/weights"));
    QVERIFY(text.contains("8x3x3x3"));
    QVERIFY(text.contains("stride_w"));
    // A click on the node does the same.
    const QRectF r = tab->scene()->node_rect(tab->scene()->graph().node_of_op[1]);
    tab->view()->CenterOn(tab->scene()->graph().node_of_op[1]);
    const QPointF at = (r.center() - tab->view()->VisibleScene().topLeft()) * tab->view()->zoom();
    QTest::mouseClick(tab->view(), Qt::LeftButton, {}, at.toPoint());
    QVERIFY(tab->node_panel()->toPlainText().contains("DEPTHWISE_CONV_2D"));
  }

  void modelPanelShowsArenaAndMacs() {
    ModelTab* tab = window_->OpenFile(QString::fromStdString(WriteSample("sample.tflite", SampleClassifier()).string()));
    QVERIFY(WaitLoaded(tab));
    const QString text = tab->model_panel()->toPlainText();
    QVERIFY(text.contains("arena"));
    // MACs by hand: CONV_2D 16x16x8 outputs x 3x3x3 = 55,296 and 8x8x16 x 8 = 8,192; DEPTHWISE
    // 16x16x8 x 3x3 = 18,432; FULLY_CONNECTED 10 x 16 = 160. Total 82,080.
    QVERIFY2(text.contains("82.1 k"), qPrintable(text));
    QVERIFY(text.contains("63.5 k"));  // CONV_2D's row
    QVERIFY(text.contains("18.4 k"));
  }

  void histogramEqualsADirectCount() {
    ModelTab* tab = window_->OpenFile(QString::fromStdString(WriteSample("sample.tflite", SampleClassifier()).string()));
    QVERIFY(WaitLoaded(tab));
    const TensorView weights = tab->model()->subgraph(0).tensor(1);  // conv1/weights
    QCOMPARE(QString::fromUtf8(weights.name().data(), static_cast<qsizetype>(weights.name().size())), QString("conv1/weights"));
    TensorViewer viewer(weights);
    const Histogram& h = viewer.histogram();
    QCOMPARE(h.counts.size(), size_t{TensorViewer::kBins});
    std::vector<float> values(weights.data().size() / 4);
    std::memcpy(values.data(), weights.data().data(), weights.data().size());
    const float lo = *std::min_element(values.begin(), values.end()), hi = *std::max_element(values.begin(), values.end());
    QCOMPARE(h.low, double{lo});
    QCOMPARE(h.high, double{hi});
    std::vector<uint64_t> direct(TensorViewer::kBins, 0);
    for (float v : values) {
      const auto bin = static_cast<size_t>((double{v} - lo) / ((double{hi} - lo) / TensorViewer::kBins));
      ++direct[std::min<size_t>(bin, TensorViewer::kBins - 1)];
    }
    QCOMPARE(h.counts, direct);
  }

  void corruptFileShowsTheError() {
    const fs::path path = fs::temp_directory_path() / "litescope_studio_corrupt.tflite";
    std::ofstream(path) << "this is not a flatbuffer, just some text long enough to be looked at";
    ModelTab* tab = window_->OpenFile(QString::fromStdString(path.string()));
    QVERIFY(WaitLoaded(tab));
    QVERIFY(tab->scene() == nullptr);
    QVERIFY(tab->error().contains("litescope_studio_corrupt.tflite"));
    QCOMPARE(window_->last_error(), tab->error());
    fs::remove(path);
  }

  void cancelStopsALoad() {
    ModelTab* tab = window_->OpenFile(QString::fromStdString(WriteSample("big.tflite", SampleResidualNet(1500)).string()));
    tab->Cancel();
    QVERIFY(WaitLoaded(tab));
    QVERIFY(tab->scene() == nullptr || tab->scene()->graph().nodes.size() == 10502);  // cancelled, or already done
  }

  void tensorValuesModelPassesTheTester() {
    std::vector<double> values(2500), raw(2500);
    for (size_t i = 0; i < values.size(); ++i) raw[i] = static_cast<double>(i % 256) - 128, values[i] = raw[i] * 0.5;
    TensorValuesModel model({5, 10, 50}, values, raw);
    QCOMPARE(model.rowCount(), TensorValuesModel::kPage);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    while (model.canFetchMore({})) model.fetchMore({});
    QCOMPARE(model.rowCount(), 2500);
    QCOMPARE(model.data(model.index(51, 1)).toString(), QString("[0, 1, 1]"));
    QCOMPARE(model.data(model.index(3, 3)).toString(), QString("-125"));
    QCOMPARE(model.data(model.index(3, 2)).toString(), QString("-62.5"));
  }

 private:
  std::unique_ptr<MainWindow> window_;
};

}  // namespace litescope

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName("LitescopeTest");
  litescope::StudioTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "studio_test.moc"
