// One open model: loads it and lays out a subgraph off the GUI thread (progress bar and Cancel
// while it runs, the loader's message if it fails), then shows the graph beside the node and
// model panels. Search, overlays and subgraph switching act on the tab's current scene.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>

#include "app/core/graph_scene.h"
#include "app/core/overlay.h"
#include "app/core/runtime_estimate.h"
#include "engine/model/model.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;

namespace litescope {

class GraphView;

struct SceneJobResult {
  std::shared_ptr<const Model> model;
  std::shared_ptr<const GraphScene> scene;
  std::optional<Result<RuntimeEstimate>> estimate;  // computed with the first load only
  std::shared_ptr<const OpMetadata> metadata;       // read with the first load, then reused
  Status status;
};

class ModelTab : public QWidget {
  Q_OBJECT

 public:
  ModelTab(QString path, SceneOptions options, QWidget* parent = nullptr);
  ~ModelTab() override;

  const QString& path() const { return path_; }
  const Model* model() const { return model_.get(); }
  const GraphScene* scene() const { return scene_.get(); }
  GraphView* view() const { return view_; }
  QTextBrowser* node_panel() const { return node_panel_; }
  QTextBrowser* model_panel() const { return model_panel_; }
  bool loading() const { return watcher_.isRunning(); }
  const QString& error() const { return error_; }

  void ShowSubgraph(int subgraph);
  void SetSceneOptions(SceneOptions options);
  void SelectNode(int node);
  // Search over op types, node titles and the names of every tensor a node reads or writes.
  // Returns the number of matches; the first one is selected and centred.
  int Search(const QString& text, bool regex);
  void NextMatch(int step);
  int match_index() const { return match_; }
  int match_count() const { return static_cast<int>(matches_.size()); }
  Status LoadOverlay(const QString& file);
  void ClearOverlay();
  Status Export(const QString& file) const;
  void Cancel();

 signals:
  void loaded();
  void failed(const QString& message);
  void statusMessage(const QString& text);

 private:
  void Start(int subgraph);
  void Finished();
  void ShowNode(int node);
  void OpenLink(const QUrl& url);
  void UpdateThreshold();

  QString path_;
  SceneOptions options_;
  int subgraph_ = 0;
  std::shared_ptr<const Model> model_;
  std::shared_ptr<const OpMetadata> metadata_;
  std::shared_ptr<const GraphScene> scene_;
  std::shared_ptr<const Overlay> overlay_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  QFutureWatcher<SceneJobResult> watcher_;
  QString error_;
  std::vector<int> matches_;
  int match_ = -1;

  QStackedWidget* pages_;
  QProgressBar* progress_;
  QLabel* progress_label_;
  GraphView* view_;
  QComboBox* subgraphs_;
  QSlider* threshold_;
  QLabel* threshold_label_;
  QTabWidget* side_;
  QTextBrowser* node_panel_;
  QTextBrowser* model_panel_;
};

}  // namespace litescope
