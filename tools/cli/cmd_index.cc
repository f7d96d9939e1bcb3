// docsift index info DIR | compact DIR: a stored dedup index (store/stored_index.h).

#include <iostream>
#include <memory>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "store/stored_index.h"

namespace docsift::cli {

void add_index_command(CLI::App& app, int& exit_status) {
  CLI::App* cmd = app.add_subcommand("index", "Inspect or compact a stored dedup index");
  cmd->require_subcommand(1);
  auto dir = std::make_shared<std::string>();
  auto verify = std::make_shared<bool>(false);
  CLI::App* info = cmd->add_subcommand("info", "Documents, batches, options, size on disk");
  info->add_option("dir", *dir, "Index directory")->required();
  info->add_flag("--verify", *verify, "Also read every segment and check its checksum");
  info->callback([dir, verify, &exit_status] {
    auto index = StoredIndex::open(*dir, nullptr);
    if (!index.ok()) {
      exit_status = fail(index.status());
      return;
    }
    if (*verify) {
      if (Status s = (*index)->verify(); !s.ok()) {
        exit_status = fail(s);
        return;
      }
    }
    std::cout << describe_stored_index(*dir, (*index)->info());
    if (*verify) std::cout << "checksums: ok\n";
    exit_status = 0;
  });
  CLI::App* compact = cmd->add_subcommand(
      "compact", "Merge every segment into one (checksums checked first; atomic)");
  compact->add_option("dir", *dir, "Index directory")->required();
  compact->callback([dir, &exit_status] {
    auto index = StoredIndex::open(*dir, nullptr);
    if (!index.ok()) {
      exit_status = fail(index.status());
      return;
    }
    const StoredIndexInfo before = (*index)->info();
    auto writer = StoredIndex::open_writer(*dir, before.layout, before.options);
    if (!writer.ok()) {
      exit_status = fail(writer.status());
      return;
    }
    if (Status s = (*writer)->compact(); !s.ok()) {
      exit_status = fail(s);
      return;
    }
    std::cerr << "docsift index compact: " << before.num_segments << " -> "
              << (*writer)->info().num_segments << " segment(s), " << before.bytes_on_disk << " -> "
              << (*writer)->info().bytes_on_disk << " bytes\n";
    exit_status = 0;
  });
}

}  // namespace docsift::cli
