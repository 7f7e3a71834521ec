"""The Gymnasium environments Critic grades in through Python, how each is made, and how spaces become JSON.

Registered ids are a fixed list (never an id the grader did not choose): the MuJoCo v5 family and two
Atari games. Atari envs keep Gymnasium's v5 settings (frameskip 4, repeat_action_probability 0.25);
the `atariPreprocessing` option gives the usual DQN pipeline instead: the base env with frameskip 1,
`AtariPreprocessing(noop_max=30, frame_skip=4, screen_size=84, grayscale, no life-loss terminal)` and
`FrameStackObservation(4)`, as Gymnasium documents it.
"""

import numpy as np

MUJOCO_IDS = [
    "InvertedPendulum-v5",
    "InvertedDoublePendulum-v5",
    "Reacher-v5",
    "Swimmer-v5",
    "HalfCheetah-v5",
    "Hopper-v5",
    "Walker2d-v5",
    "Ant-v5",
]
ATARI_IDS = ["ALE/Pong-v5", "ALE/Breakout-v5"]
REGISTERED_IDS = MUJOCO_IDS + ATARI_IDS

# Width and height of rgb_array frames (MuJoCo's default is 480x480; replays need less).
FRAME_SIZE = 240


def family(env_id):
    """`mujoco` or `atari`."""
    return "atari" if env_id.startswith("ALE/") else "mujoco"


def make_registered(env_id, options=None, render_mode=None):
    """A fresh env for a registered id (ValueError for any other id)."""
    import gymnasium as gym

    options = options or {}
    if env_id not in REGISTERED_IDS:
        raise ValueError(f"{env_id!r} is not a Python-backed registered env")
    if family(env_id) == "atari":
        import ale_py

        gym.register_envs(ale_py)
        if options.get("atariPreprocessing"):
            env = gym.make(env_id, frameskip=1, render_mode=render_mode)
            env = gym.wrappers.AtariPreprocessing(
                env,
                noop_max=30,
                frame_skip=4,
                screen_size=84,
                terminal_on_life_loss=False,
                grayscale_obs=True,
                scale_obs=False,
            )
            return gym.wrappers.FrameStackObservation(env, 4)
        return gym.make(env_id, render_mode=render_mode)
    kwargs = {"width": FRAME_SIZE, "height": FRAME_SIZE} if render_mode == "rgb_array" else {}
    return gym.make(env_id, render_mode=render_mode, **kwargs)


def versions(env_id):
    """The package versions that produce the env's episodes."""
    from importlib.metadata import version

    out = {"gymnasium": version("gymnasium"), "numpy": version("numpy")}
    if family(env_id) == "atari":
        out["ale-py"] = version("ale-py")
    else:
        out["mujoco"] = version("mujoco")
    return out


def _bound(v):
    v = float(v)
    if v == float("inf"):
        return "inf"
    if v == float("-inf"):
        return "-inf"
    return int(v) if v.is_integer() else v


def _bounds(a):
    """One value when every entry is equal (Atari's 0..255 over 100,800 pixels), else the flat list."""
    flat = np.asarray(a).reshape(-1)
    if flat.size > 0 and np.all(flat == flat[0]):
        return _bound(flat[0])
    return [_bound(x) for x in flat]


def space_json(space):
    """A Gymnasium space as JSON: Box (dtype kept, bounds as one value or a flat list), Discrete (with start), Tuple."""
    import gymnasium as gym

    if isinstance(space, gym.spaces.Discrete):
        return {"type": "Discrete", "n": int(space.n), "start": int(space.start)}
    if isinstance(space, gym.spaces.Box):
        return {
            "type": "Box",
            "shape": [int(d) for d in space.shape],
            "dtype": str(space.dtype),
            "low": _bounds(space.low),
            "high": _bounds(space.high),
        }
    if isinstance(space, gym.spaces.Tuple):
        return {"type": "Tuple", "spaces": [space_json(s) for s in space.spaces]}
    raise TypeError(f"unsupported space {space}")


def describe(env, env_id):
    """What the catalogue lists of an env: spaces, step limit, reward threshold, versions."""
    spec = env.spec
    return {
        "id": env_id,
        "family": family(env_id),
        "observationSpace": space_json(env.observation_space),
        "actionSpace": space_json(env.action_space),
        "maxEpisodeSteps": spec.max_episode_steps if spec is not None else None,
        "rewardThreshold": spec.reward_threshold if spec is not None else None,
        "versions": versions(env_id),
    }
