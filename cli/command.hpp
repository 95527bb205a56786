#pragma once
// Each CLI command lives in its own command_<name>.cpp and adds itself to the app through one
// function declared here. The callback it sets runs after parsing and returns the exit status;
// it may throw InputError (-> 2) or Error (-> 1), which run_cli turns into one line on stderr.
#include <functional>
#include <string>
#include <vector>

#include "cli/cli_model.hpp"
#include "core/pixel_path.hpp"

namespace CLI {
class App;
class Validator;
}

namespace framebench::cli {

using CommandAction = std::function<int()>;

// The names --strategy, --encoder and --kernel take (and the other options and positionals that
// take fixed words), for completion and the man page.
ValueChoices value_choices();

// The words `list` and `completion` take.
inline const std::vector<std::string> kListTopics{"strategies", "kernels", "encoders", "datasets", "all"};
inline const std::vector<std::string> kShells{"bash", "zsh"};

// --pixel-format of process and run, read one way: InputError "--pixel-format: unknown ...".
inline constexpr const char* kPixelFormatHelp =
    "bgr24 (filter BGR24 frames, as OpenCV does) or native (filter the decoder's own planes, no colour conversion)";
PixelPath pixel_format_option(const std::string& value);

// Checks a file or folder option: an empty one is refused ("--export-csv: an empty path names no
// file"), where it used to be taken as the option not given (found 5 December 2026 by a
// hostile-input sweep: `--export-csv ''` wrote nothing and said nothing), as is "-".
CLI::Validator non_empty_path();
// The same for an option whose empty value would be taken as not given (`run --cpus ''`).
CLI::Validator non_empty_value();
// Checks a number option: a finite number from `low` to `high`. CLI11's Range lets NaN through,
// since every comparison with it is false (found 5 December 2026 by a hostile-input sweep:
// `--min-psnr nan` verified every output, `scale-model --rate nan` printed a table of nonsense).
CLI::Validator finite_range(double low, double high);
// Checks a count option: a whole number from `low` to `high`. CLI11's Range said "Value 1.5 not in
// range 1 to 86400" of a fraction within the range (found 6 December 2026 by a scale-out sweep).
CLI::Validator whole_range(long long low, long long high);
// A time limit or budget: more than 0 and at most harness::kMostSeconds ("inf" or 1e10 s made the
// repetition watchdog fire at once, found by a review of the NaN fix).
CLI::Validator positive_seconds();

void add_run_command(CLI::App& app, CommandAction& action);
void add_process_command(CLI::App& app, CommandAction& action);
void add_list_command(CLI::App& app, CommandAction& action);
void add_datasets_command(CLI::App& app, CommandAction& action);
void add_env_command(CLI::App& app, CommandAction& action);
void add_kernels_command(CLI::App& app, CommandAction& action);
void add_report_command(CLI::App& app, CommandAction& action);
void add_compare_command(CLI::App& app, CommandAction& action);
void add_scale_model_command(CLI::App& app, CommandAction& action);
void add_summary_command(CLI::App& app, CommandAction& action);
void add_completion_command(CLI::App& app, CommandAction& action);
void add_man_command(CLI::App& app, CommandAction& action);
// [other commands: declare here]

}  // namespace framebench::cli
