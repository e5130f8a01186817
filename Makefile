# kehou: `make run` and `make test` on a fresh Debian 12 machine. Each installs what is missing
# (scripts/bootstrap.sh), builds the server (CMake + Ninja, Release) and the web app (Vite), then
# serves or tests.

BUILD ?= build
PORT ?= 8080
DB ?= data/kehou.db
WEB_SOURCES := $(shell find web/src web/index.html web/package.json web/vite.config.ts web/tsconfig.json -type f 2>/dev/null)

.PHONY: run test build web bootstrap bench clean format

SCALE ?= county

run: build web
	@mkdir -p $(dir $(DB))
	@$(BUILD)/kehou seed --scale $(SCALE) --if-empty --db $(DB) --log-level warn
	@echo "kehou: serving on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	$(BUILD)/kehou serve --port $(PORT) --db $(DB) --web-root web/dist

test: build web
	cd $(BUILD) && ctest --output-on-failure --timeout 300 -j2

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	@test -f $(BUILD)/build.ninja || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	@cmake --build $(BUILD)

web: bootstrap web/dist/index.html

web/dist/index.html: $(WEB_SOURCES) web/package-lock.json
	cd web && npm run build --silent
	@touch $@

# Benchmarks (figures in docs/benchmarks.md): the allocation at city scale and the rush side by side.
RUSH_SCALE ?= county
bench: build
	$(BUILD)/bench/allocation_bench 830000 50000 5 3
	bench/rush.sh $(RUSH_SCALE) 1000

clean:
	rm -rf $(BUILD) web/dist

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')
