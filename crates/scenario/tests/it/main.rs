//! Boundary tests of the scenario format: built-in scenarios, the malformed corpus, the
//! diagnostics' rendering, the JSON Schema, and robustness against arbitrary input.

mod builtins;
mod corpus;
mod limits;
mod robustness;
mod schema;
mod sensing;

/// Loads a built-in scenario, panicking with every problem if it is rejected.
pub(crate) fn load_builtin(name: &str) -> sim::Input {
    let text = scenario::builtin::get(name).expect("the scenario is built in");
    match scenario::load(&format!("{name}.toml"), text) {
        Ok(input) => input,
        Err(errors) => panic!("built-in scenario {name} is rejected:\n{errors}"),
    }
}
